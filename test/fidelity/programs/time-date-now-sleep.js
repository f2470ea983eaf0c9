// Date.now() advances by at least the slept time.
const log = (s) => console.log(s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const t0 = Date.now();
  await sleep(100);
  const t1 = Date.now();
  log('after sleep(100): elapsed >= 98: ' + (t1 - t0 >= 98));
  await sleep(50);
  log('after sleep(50): total >= 148: ' + (Date.now() - t0 >= 148));
  log('Date.now is integer: ' + Number.isInteger(t1));
})();
