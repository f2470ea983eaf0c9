// An async function that throws, called without await or catch: crash with the Error.
const log = (s) => console.log(s);
async function work() {
  log('working');
  await null;
  throw new TypeError('async failure');
}
work();
log('called work()');
