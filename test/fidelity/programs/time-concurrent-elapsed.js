// Three concurrent sleepers of 1 s: total ~1 s (the hello-world shape), printed rounded.
const { setTimeout: sleep } = require('node:timers/promises');
const log = (s) => console.log(s);
async function count() {
  log('One');
  await sleep(300);
  log('Two');
}
(async () => {
  const start = performance.now();
  await Promise.all([count(), count(), count()]);
  const elapsed = (performance.now() - start) / 1000;
  log('executed in about ' + elapsed.toFixed(1) + ' seconds');
})();
