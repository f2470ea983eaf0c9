// The main thread waits with Atomics.wait until a worker, after some async work, notifies.
const { Worker, isMainThread, workerData } = require('node:worker_threads');
if (isMainThread) {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: shared });
  console.log('main waits');
  const r = Atomics.wait(shared, 0, 0, 5000);
  console.log('main woke:', r, 'value', Atomics.load(shared, 0));
} else {
  setTimeout(() => {
    Atomics.store(workerData, 0, 42);
    Atomics.notify(workerData, 0);
  }, 30);
}
