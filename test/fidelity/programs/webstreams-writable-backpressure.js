// A WritableStream with a byte-length strategy: desiredSize, writer.ready flips, each write()'s
// promise and close(), against a sink whose writes take a timer each.
const log = (s) => console.log(s);
const ws = new WritableStream({
  start() { log('sink start'); },
  write(chunk) {
    log('sink write ' + chunk.length);
    return new Promise((res) => setImmediate(() => { log('sink wrote ' + chunk.length); res(); }));
  },
  close() { log('sink close'); },
}, new ByteLengthQueuingStrategy({ highWaterMark: 8 }));
const w = ws.getWriter();
log('desired ' + w.desiredSize);
const chunks = [new Uint8Array(3), new Uint8Array(4), new Uint8Array(5), new Uint8Array(1)];
for (const c of chunks) {
  w.write(c).then(() => log('write ' + c.length + ' resolved'));
  log('queued ' + c.length + ' desired=' + w.desiredSize);
  w.ready.then(() => log('ready after ' + c.length + ' desired=' + w.desiredSize));
}
w.close().then(() => log('closed'));
w.closed.then(() => log('writer.closed'));
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3'));
