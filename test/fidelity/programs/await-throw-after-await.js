// Throwing after the first await rejects the promise later; interleaves with other chains.
const log = (s) => console.log(s);
async function f() {
  log('f: before await');
  await 0;
  log('f: after first await');
  await 0;
  throw new TypeError('late');
}
f().then(
  () => log('unexpected'),
  (e) => log('rejected: ' + e.name + ': ' + e.message),
);
Promise.resolve()
  .then(() => log('t1'))
  .then(() => log('t2'))
  .then(() => log('t3'))
  .then(() => log('t4'));
