// await on a subclass instance whose then is overridden: the override is called (via a
// thenable job), costing extra ticks compared with a plain promise.
const log = (s) => console.log(s);
class Loud extends Promise {
  then(onF, onR) {
    log('Loud.then called');
    return super.then(onF, onR);
  }
}
const loud = Loud.resolve('loud');
(async () => {
  const v = await loud;
  log('awaited ' + v);
})();
(async () => {
  const v = await Promise.resolve('plain');
  log('awaited ' + v);
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4'));
