// Sequential awaits of sleeps in a for loop: elapsed is the sum.
const log = (s) => console.log(s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const start = Date.now();
  for (let i = 0; i < 5; i++) {
    await sleep(20);
    log('iteration ' + i);
  }
  log('elapsed >= 98: ' + (Date.now() - start >= 98));
})();
