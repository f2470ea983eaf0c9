// performance.now() across sleeps; rounded to tens of ms.
const { setTimeout: sleep } = require('node:timers/promises');
const log = (s) => console.log(s);
(async () => {
  const t0 = performance.now();
  await sleep(200);
  const dt = performance.now() - t0;
  log('elapsed >= 198: ' + (dt >= 198));
  log('elapsed rounded to 100s: ' + Math.round(dt / 100) * 100);
  log('typeof performance.now(): ' + typeof performance.now());
})();
