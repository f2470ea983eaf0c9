// BroadcastChannel across threads: a message posted in one thread reaches the channels of that
// name in every other thread and the other channels of its own thread, never the sender. Each
// side waits for what causes its next step, so real Node prints one order.
const { Worker, isMainThread, parentPort } = require('worker_threads');
if (isMainThread) {
  const log = console.log;
  const sender = new BroadcastChannel('room');
  const listener = new BroadcastChannel('room');
  const w = new Worker(__filename);
  sender.onmessage = () => {}; // gets the worker's reply too; which main channel sees it first is a race
  listener.onmessage = (e) => {
    log('listener got', e.data);
    if (e.data === 'hello') {
      w.postMessage('go');
      return;
    }
    sender.close();
    listener.close();
    w.postMessage('stop');
  };
  w.on('message', (m) => {
    log('worker says', m);
    if (m === 'ready') sender.postMessage('hello');
  });
  w.on('exit', (code) => log('worker exit', code));
} else {
  const bc = new BroadcastChannel('room');
  let got = 0;
  const step = () => {
    if (++got === 2) bc.postMessage(`reply after ${got} messages`);
  };
  bc.onmessage = (e) => {
    if (e.data === 'hello') step();
  };
  parentPort.on('message', (m) => {
    if (m === 'go') step();
    if (m === 'stop') {
      bc.close();
      parentPort.close();
    }
  });
  parentPort.postMessage('ready');
}
