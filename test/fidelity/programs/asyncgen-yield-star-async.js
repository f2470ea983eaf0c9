// yield* delegating to another async generator, with return values and interleaving.
const log = (s) => console.log(s);
async function* inner() {
  log('inner start');
  yield 'i1';
  await null;
  yield 'i2';
  return 'inner result';
}
async function* outer() {
  yield 'o1';
  const r = yield* inner();
  log('delegation returned ' + r);
  yield 'o2';
}
(async () => {
  for await (const v of outer()) log('got ' + v);
  log('loop done');
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4'));
