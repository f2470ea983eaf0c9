// Promise.all of sleeps takes the longest, not the sum; completion order follows the delays.
const { setTimeout: sleep } = require('node:timers/promises');
const log = (s) => console.log(s);
(async () => {
  const t0 = performance.now();
  const results = await Promise.all([30, 10, 20].map((ms) => sleep(ms, ms).then((v) => { log('done ' + v); return v; })));
  const elapsed = performance.now() - t0;
  log('results ' + results.join(','));
  log('elapsed >= 28: ' + (elapsed >= 28));
})();
