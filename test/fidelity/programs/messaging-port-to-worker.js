// A MessagePort transferred to a Worker (with an ArrayBuffer, detached in the sender): the worker
// talks back through it; closing the main end closes the worker's end, whose 'close' the worker
// reports; then nothing keeps the worker alive and it exits. The worker reports by messages only
// (a worker's console output reaches stdout on its own schedule).
const { Worker, isMainThread, parentPort } = require('worker_threads');
if (isMainThread) {
  const log = console.log;
  const { port1, port2 } = new MessageChannel();
  const w = new Worker(__filename);
  port1.on('message', (m) => {
    log('main got via port', m);
    if (m.n === 3) port1.close();
  });
  port1.on('close', () => log('port1 close'));
  w.on('message', (m) => log('main got via parentPort', m));
  w.on('exit', (code) => log('worker exit', code));
  const bytes = new Uint8Array([1, 2, 3, 4]);
  w.postMessage({ port: port2, bytes }, [port2, bytes.buffer]);
  log('after transfer: bytes', bytes.byteLength, 'port2 hasRef', port2.hasRef());
} else {
  parentPort.once('message', ({ port, bytes }) => {
    const sum = bytes.reduce((a, b) => a + b, 0);
    port.on('message', () => {});
    port.on('close', () => parentPort.postMessage('worker port closed'));
    for (let n = 1; n <= 3; n++) port.postMessage({ n, sum, isPort: port instanceof MessagePort });
  });
}
