// yield* over a sync iterable inside an async generator: values that are promises are awaited.
const log = (s) => console.log(s);
function* syncInner() {
  yield 1;
  yield Promise.resolve(2);
  yield 3;
}
async function* outer() {
  yield* syncInner();
  yield* ['x', 'y'];
}
(async () => {
  const it = outer();
  let r;
  while (!(r = await it.next()).done) log('value ' + r.value);
  log('done');
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
