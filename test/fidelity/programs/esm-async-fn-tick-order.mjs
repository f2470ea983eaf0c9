// Async functions and generators in ESM: same tick counts as CJS except for nextTick timing.
const log = (s) => console.log(s);
async function f() {
  log('f start');
  await null;
  log('f after await');
  process.nextTick(() => log('nextTick from f'));
  await { then(r) { r(); } };
  log('f after thenable');
}
f();
process.nextTick(() => log('top nextTick'));
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3')).then(() => log('p4'));
