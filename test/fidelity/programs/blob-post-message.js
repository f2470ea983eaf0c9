// postMessage(blob) through a MessageChannel: the receiver gets a Blob of its own with the same
// bytes and type (a File: a Blob on Node 20/22, a File on 24+); a Blob inside an object too.
// Headers in a message are refused at the call on 22+ (DataCloneError), plain {} on Node 20.
const log = console.log;
const { port1, port2 } = new MessageChannel();
let n = 0;
port2.on('message', async (m) => {
  n++;
  if (m instanceof Blob) {
    log('blob', m.size, m.type, m instanceof File ? `file ${m.name} ${m.lastModified}` : 'not a File', await m.text());
  } else {
    log('object', Object.keys(m), m.b instanceof Blob, m.b && (await m.b.text()), m.h);
  }
  if (n === 3) port2.close();
});
port1.postMessage(new Blob(['one'], { type: 'a/b' }));
port1.postMessage(new File(['two'], 'two.txt', { lastModified: 7 }));
try {
  port1.postMessage({ h: new Headers({ x: 'y' }) });
  log('headers sent');
} catch (e) {
  log('headers ->', e.name, e.message);
  port1.postMessage({ b: new Blob(['three']), h: null });
}
