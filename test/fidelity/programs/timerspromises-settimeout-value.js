// timers/promises setTimeout resolves with the given value after the delay.
const { setTimeout: sleep } = require('node:timers/promises');
const log = (s) => console.log(s);
(async () => {
  const v = await sleep(20, 'twenty');
  log('got ' + v);
  const u = await sleep(0);
  log('undefined value: ' + u);
})();
sleep(10, 'ten').then((v) => log('got ' + v));
