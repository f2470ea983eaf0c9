// A byte stream: a BYOB reader fills the caller's buffer (byobRequest.respond), a default reader
// gets enqueued chunks, autoAllocateChunkSize, and read({ min }) is not used (Node 20 lacks it).
const log = (s) => console.log(s);
let n = 0;
const rs = new ReadableStream({
  type: 'bytes',
  pull(c) {
    const req = c.byobRequest;
    n++;
    if (n > 3) { c.close(); if (req) req.respond(0); return; }
    const v = req.view;
    log('pull ' + n + ' view=' + v.byteLength);
    for (let k = 0; k < 3; k++) v[k] = n * 10 + k;
    req.respond(3);
  },
});
(async () => {
  const reader = rs.getReader({ mode: 'byob' });
  let buf = new Uint8Array(8);
  for (;;) {
    const { value, done } = await reader.read(buf);
    if (done) { log('done'); break; }
    log('read ' + Array.from(value).join(','));
    buf = new Uint8Array(value.buffer);
  }
  let m = 0;
  const auto = new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: 4,
    pull(c) {
      m++;
      if (m === 3) { c.close(); c.byobRequest?.respond(0); return; }
      if (m === 2) { c.enqueue(new Uint8Array([7, 7])); return; }
      const v = c.byobRequest.view;
      v[0] = 42;
      c.byobRequest.respond(1);
    },
  });
  const r = auto.getReader();
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    log('auto ' + value.constructor.name + ' ' + Array.from(value).join(','));
  }
  log('auto done');
})();
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3')).then(() => log('p4'));
