// node: >=22
// worker_threads.markAsUncloneable (Node 22+): structuredClone and postMessage refuse the object,
// at any depth, with DataCloneError; an ArrayBuffer stays cloneable (V8 clones it itself); a
// primitive is ignored. Nothing is sent when postMessage throws.
const { markAsUncloneable } = require('worker_threads');
const log = console.log;
const secret = { token: 'x' };
markAsUncloneable(secret);
const attempt = (what, f) => {
  try {
    f();
    log(what, 'ok');
  } catch (e) {
    log(what, '->', e.name, e.code, e.message);
  }
};
attempt('clone', () => structuredClone(secret));
attempt('nested', () => structuredClone({ list: [1, new Map([['k', secret]])] }));
const buffer = new ArrayBuffer(4);
markAsUncloneable(buffer);
attempt('buffer', () => structuredClone(buffer));
attempt('primitive', () => markAsUncloneable(5));
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => {
  log('received', m);
  port2.close();
});
attempt('postMessage', () => port1.postMessage({ secret }));
port1.postMessage('only this arrives');
