// A MessagePort handed to a Worker in workerData with the options' transferList moves to the
// worker's thread: the worker talks through it, and when the worker ends its ports close with
// it, so the other end gets 'close' and the program can end (a port whose peer lives on in a
// finished worker would keep a 'message' listener waiting forever). An ArrayBuffer in the
// transferList is detached in the parent.
const { Worker, isMainThread, workerData, MessageChannel } = require('node:worker_threads');
if (isMainThread) {
  const { port1, port2 } = new MessageChannel();
  const buffer = new ArrayBuffer(8);
  new Worker(__filename, { workerData: { port: port2, buffer }, transferList: [port2, buffer] });
  console.log('after transfer: buffer bytes here', buffer.byteLength);
  port1.on('message', (m) => console.log('port1 got', m));
  port1.on('close', () => console.log('port1 closed: the worker ended'));
  process.on('exit', (code) => console.log('main exits', code));
} else {
  const { port, buffer } = workerData;
  port.postMessage(`hello from the worker, ${buffer.byteLength} bytes arrived`);
}
