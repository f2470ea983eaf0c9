// Three concurrent sleepers of 300 ms: total ~0.3 s, not 0.9 s (the hello-world shape).
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
  log('concurrent, not 0.9 s: ' + (elapsed >= 0.298 && elapsed < 0.8));
})();
