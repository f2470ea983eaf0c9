// Alternating nextTick <-> promise scheduling: each crossing waits for the other queue to drain.
const log = (s) => console.log(s);
process.nextTick(() => {
  log('tick 1');
  Promise.resolve().then(() => {
    log('promise 1');
    process.nextTick(() => {
      log('tick 2');
      Promise.resolve().then(() => log('promise 2'));
    });
    Promise.resolve().then(() => log('promise 1b'));
  });
  process.nextTick(() => log('tick 1b'));
});
