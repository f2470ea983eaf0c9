// An unhandled rejection without an unhandledRejection listener goes to uncaughtException
// with origin 'unhandledRejection'.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => {
  log('uncaughtException origin=' + origin + ' message=' + (err instanceof Error ? err.message : err));
});
Promise.reject(new Error('rejected'));
setTimeout(() => log('process continues'), 5);
