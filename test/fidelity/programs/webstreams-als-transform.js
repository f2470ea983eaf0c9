// AsyncLocalStorage through web streams: a transform's and a sink's callbacks see the store of
// the write (or pipe) that caused them, including writes parked behind backpressure.
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const log = (s) => console.log(s);
const ts = new TransformStream({
  transform(ch, c) { log('transform ' + ch + ' store=' + als.getStore()); c.enqueue(ch); },
}, { highWaterMark: 0 }, { highWaterMark: 0 });
const w = ts.writable.getWriter();
als.run('A', () => { w.write('a').then(() => log('write a done store=' + als.getStore())); });
als.run('B', () => { w.write('b').then(() => log('write b done store=' + als.getStore())); });
const r = ts.readable.getReader();
als.run('R', async () => {
  for (let k = 0; k < 2; k++) {
    const { value } = await r.read();
    log('read ' + value + ' store=' + als.getStore());
  }
  const sink = new WritableStream({ write(ch) { log('sink ' + ch + ' store=' + als.getStore()); } });
  await als.run('P', () => new ReadableStream({ start(c) { c.enqueue('p'); c.close(); } }).pipeTo(sink));
  log('pipe done store=' + als.getStore());
});
