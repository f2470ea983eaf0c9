// A worker's console output reaches stdout through the main thread: while the main thread is
// blocked (Atomics.wait) or busy, the worker's lines wait; they come out when its loop runs.
// racy in Node 20, 22, 24, 26: when the machine is busy (the suite runs programs in parallel) real Node sometimes prints "main got first" before "worker starts" — a real thread's start-up time decides it; seen on an idle machine as well as under load.
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');

if (isMainThread) {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(__filename, { workerData: shared });
  w.on('message', (m) => {
    console.log('main got', m);
    if (m === 'second') w.terminate();
  });
  console.log('main blocks until the worker says go');
  Atomics.wait(shared, 0, 0);
  console.log('main woke up, value', Atomics.load(shared, 0));
  setTimeout(() => console.log('main timer'), 50);
} else {
  console.log('worker starts');
  setTimeout(() => {
    console.log('worker: notifying');
    Atomics.store(workerData, 0, 1);
    Atomics.notify(workerData, 0);
    console.log('worker: notified');
    parentPort.postMessage('first');
    setTimeout(() => {
      console.log('worker: later');
      parentPort.postMessage('second');
    }, 100);
  }, 20);
}
