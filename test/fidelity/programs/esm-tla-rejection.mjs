// A rejected top-level await that is not caught fails the module: stderr and exit code 1.
const log = (s) => console.log(s);
log('before');
try {
  await Promise.reject(new Error('caught one'));
} catch (e) {
  log('caught: ' + e.message);
}
setTimeout(() => log('timer (never)'), 10);
await Promise.reject(new Error('uncaught TLA rejection'));
log('never');
