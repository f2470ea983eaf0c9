// process.exit() inside an async function stops everything immediately (no more microtasks).
const log = (s) => console.log(s);
process.on('exit', (code) => log('exit event with code ' + code));
(async () => {
  await null;
  log('calling process.exit(4)');
  Promise.resolve().then(() => log('microtask (never)'));
  process.nextTick(() => log('nextTick (never)'));
  process.exit(4);
  log('after exit (never)');
})();
setTimeout(() => log('timer (never)'), 5);
