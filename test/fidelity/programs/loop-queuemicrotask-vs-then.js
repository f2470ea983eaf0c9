// queueMicrotask and promise reactions share one FIFO queue.
const log = (s) => console.log(s);
queueMicrotask(() => {
  log('qm1');
  queueMicrotask(() => log('qm1 -> qm3'));
  Promise.resolve().then(() => log('qm1 -> then'));
});
Promise.resolve().then(() => {
  log('then1');
  queueMicrotask(() => log('then1 -> qm'));
});
queueMicrotask(() => log('qm2'));
