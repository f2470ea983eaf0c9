// worker_threads.receiveMessageOnPort: takes the oldest queued message synchronously
// ({ message } or undefined); a taken message is not delivered to 'message' listeners.
const { MessageChannel, MessagePort, receiveMessageOnPort } = require('worker_threads');
const log = console.log;
const { port1, port2 } = new MessageChannel();
log(receiveMessageOnPort(port2));
port1.postMessage({ hello: 'world' });
port1.postMessage(new Map([[1, 2]]));
port1.postMessage(undefined);
log(receiveMessageOnPort(port2));
const r = receiveMessageOnPort(port2);
log(r, r.message instanceof Map, Object.keys(r), port2 instanceof MessagePort);
log(receiveMessageOnPort(port2));
log(receiveMessageOnPort(port2));
for (const bad of [undefined, {}, 'port', port1.postMessage]) {
  try {
    receiveMessageOnPort(bad);
  } catch (e) {
    log(e.name, e.code, e.message);
  }
}
port2.on('message', (m) => {
  log('listener got', m);
  if (m === 'c') port2.close();
});
port1.postMessage('a');
log('sync after a:', receiveMessageOnPort(port2));
port1.postMessage('b');
port1.postMessage('c');
setImmediate(() => log('immediate'));
Promise.resolve().then(() => log('microtask'));
process.nextTick(() => log('tick'));
