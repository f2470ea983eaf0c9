// Transferring an ArrayBuffer detaches it in the sender (byteLength 0); the receiver gets the
// bytes. Without transfer it is copied. A detached buffer cannot be sent again.
const log = console.log;
const { port1, port2 } = new MessageChannel();
const moved = new Uint8Array([1, 2, 3, 4]);
const copied = new Uint8Array([5, 6]);
port2.on('message', (m) => {
  log('received', m.kind, Array.from(m.bytes), m.bytes.buffer.byteLength, m.bytes instanceof Uint8Array);
  if (m.kind === 'last') port2.close();
});
port1.postMessage({ kind: 'moved', bytes: moved }, [moved.buffer]);
log('sender after transfer:', moved.length, moved.byteLength, moved.buffer.byteLength);
port1.postMessage({ kind: 'copied', bytes: copied });
copied[0] = 99;
log('sender after copy:', copied.length, Array.from(copied));
try {
  port1.postMessage(moved.buffer);
} catch (e) {
  log(e.name, e.message, e instanceof DOMException);
}
const buf = new ArrayBuffer(4);
try {
  port1.postMessage(buf, [buf, buf]);
} catch (e) {
  log(e.name, e.message);
}
log('after failed post:', buf.byteLength);
const view = new Uint16Array([7, 8]);
port1.postMessage({ kind: 'last', bytes: new Uint8Array(view.buffer) }, { transfer: [view.buffer] });
log('options form:', view.length);
