// A port with a 'message' listener keeps the program alive; unref() lets it exit (its pending
// messages are then never delivered); ref() again keeps it alive until close().
const log = console.log;
process.on('exit', (code) => log('exit', code));
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => log('got', m));
log('hasRef with listener', port2.hasRef());
port2.unref();
log('hasRef after unref', port2.hasRef());
const k = new MessageChannel();
k.port2.on('message', (m) => {
  log('k got', m);
  if (m === 'stop') {
    k.port2.close();
    port1.postMessage('never delivered: the loop ends first');
  }
});
k.port2.unref();
k.port2.ref();
setTimeout(() => k.port1.postMessage('stop'), 20);
setTimeout(() => log('timeout 10'), 10);
k.port1.postMessage('first');
