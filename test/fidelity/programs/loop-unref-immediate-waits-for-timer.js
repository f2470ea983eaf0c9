// An unref'd immediate with a ref'd timer alive runs, but the poll phase does not skip its wait
// for it (no idle handle): it runs once the timer's time has come, before the timer. A ref'd
// immediate makes the poll phase not wait.
// racy in Node 24, 26: whether the poll phase waits for the timer before an unref'd immediate varies from run to run (repeated runs printed "after the poll wait: true" and "false", and "after the next wait" both ways); Node 24 did so once in 5 runs on a busy machine (0 of 10 idle); Node 20 and 22 always wait.
const log = (s) => console.log(s);
const t0 = performance.now();
setImmediate(() => {
  log('unref immediate, after the poll wait: ' + (performance.now() - t0 >= 25));
  const t1 = performance.now();
  setImmediate(() => log('unref immediate 2, after the next wait: ' + (performance.now() - t1 >= 35))).unref();
  setTimeout(() => {
    log('timer 40');
    const t2 = performance.now();
    setImmediate(() => log('unref immediate 3 (no wait: ref immediate 4 pending): ' + (performance.now() - t2 < 20))).unref();
    setImmediate(() => log('ref immediate 4'));
    setTimeout(() => log('timer 30 later'), 30);
  }, 40);
}).unref();
setTimeout(() => log('timer 30'), 30);
process.on('exit', (code) => log('exit ' + code));
