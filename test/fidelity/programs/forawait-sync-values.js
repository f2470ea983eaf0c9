// for await over a sync iterable of plain values: each step costs microtask ticks.
const log = (s) => console.log(s);
(async () => {
  for await (const v of [1, 2, 3]) log('value ' + v);
  log('loop done');
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4')).then(() => log('m5'));
