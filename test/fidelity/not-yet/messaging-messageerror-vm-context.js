// 'messageerror' on a single thread: a port moved into a vm context (moveMessagePortToContext)
// cannot deserialize a host object (a Blob) there, so its onmessageerror gets a MessageEvent
// whose data is an Error; plain data still arrives (as plain event objects, not MessageEvents;
// the port must be started by hand: it is not Node's MessagePort class there).
// This is the only way found to make real Node fire 'messageerror' without a second thread.
const vm = require('vm');
const { MessageChannel, moveMessagePortToContext } = require('worker_threads');
const log = console.log;
const context = vm.createContext({ log });
const { port1, port2 } = new MessageChannel();
context.port = moveMessagePortToContext(port2, context);
vm.runInContext(`
  port.onmessage = (e) => log('message', Object.keys(e), JSON.stringify(e.data));
  port.onmessageerror = (e) => log('messageerror', e.constructor.name, String(e.data));
  port.start(); // no setter starts a port there: it is not a Node MessagePort
`, context);
port1.postMessage({ a: 1 });
port1.postMessage(new Blob(['x']));
port1.postMessage(new Map([[1, 2]]));
setTimeout(() => {
  port1.close();
  context.port.close(); // the moved port keeps the loop alive until it is closed itself
}, 100);
