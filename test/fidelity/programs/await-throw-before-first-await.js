// An async function that throws before any await still returns a (rejected) promise;
// the caller's synchronous code continues first.
const log = (s) => console.log(s);
async function f(x) {
  log('f start ' + x);
  if (x) throw new Error('early ' + x);
  await null;
  return 'ok';
}
const p = f(1);
log('after call: ' + (p instanceof Promise));
p.catch((e) => log('caught: ' + e.message));
f(0).then((v) => log('f(0) -> ' + v));
Promise.resolve().then(() => log('other microtask'));
log('sync end');
