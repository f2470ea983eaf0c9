// for await over an array of promises awaits each in order, even if a later one resolves first.
const log = (s) => console.log(s);
let resolveSlow;
const slow = new Promise((r) => { resolveSlow = r; });
const fast = Promise.resolve('fast');
(async () => {
  for await (const v of [slow, fast, 'plain']) log('got ' + v);
  log('done');
})();
Promise.resolve().then(() => { log('resolving slow'); resolveSlow('slow'); });
