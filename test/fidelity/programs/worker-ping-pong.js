// A Worker on this very file: messages both ways, awaits and a timer inside the worker,
// microtasks and nextTicks around each message in the main thread.
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

if (isMainThread) {
  const w = new Worker(__filename, { workerData: { start: 1 } });
  w.on('message', (m) => {
    console.log('main got', m);
    process.nextTick(() => console.log('  tick after', m));
    Promise.resolve().then(() => console.log('  microtask after', m));
    if (m < 20) w.postMessage(m + 1);
    else w.postMessage('stop');
  });
  w.on('exit', (code) => console.log('worker exit', code));
} else {
  parentPort.postMessage(workerData.start);
  parentPort.on('message', async (m) => {
    if (m === 'stop') {
      parentPort.close();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    await null;
    parentPort.postMessage(m * 2);
  });
}
