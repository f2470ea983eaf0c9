// for await over timers/promises setInterval, breaking after 3 ticks (closes the interval).
const { setInterval: every, setTimeout: sleep } = require('node:timers/promises');
const log = (s) => console.log(s);
(async () => {
  let n = 0;
  const start = Date.now();
  for await (const v of every(20, 'tick')) {
    n++;
    log(v + ' ' + n);
    if (n === 3) break;
  }
  log('elapsed >= 58: ' + (Date.now() - start >= 58));
  await sleep(50);
  log('no more ticks after break');
})();
