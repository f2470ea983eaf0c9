// Streams and AbortSignal: the `signal` option and stream.addAbortSignal destroy the stream
// with an AbortError ('error' then 'close'); pipeline with { signal } rejects with AbortError.
const { Readable, Writable, addAbortSignal } = require('stream');
const { pipeline } = require('stream/promises');
const log = (s) => console.log(s);
const ac = new AbortController();
const r = new Readable({ signal: ac.signal, read() {} });
r.on('error', (e) => log('r error ' + e.name + ' code=' + e.code));
r.on('close', () => log('r close'));
r.push('x');
const w = addAbortSignal(ac.signal, new Writable({ write(c, e, cb) { cb(); } }));
w.on('error', (e) => log('w error ' + e.name));
w.on('close', () => log('w close'));
ac.signal.addEventListener('abort', () => log('user abort listener'));
setTimeout(async () => {
  ac.abort();
  log('after abort destroyed r=' + r.destroyed + ' w=' + w.destroyed);
  const ac2 = new AbortController();
  let n = 0;
  const src = new Readable({ objectMode: true, read() { setTimeout(() => this.push(++n), 10); } });
  const sink = new Writable({ objectMode: true, write(c, e, cb) { log('sink ' + c); if (c === 2) ac2.abort(); cb(); } });
  try {
    await pipeline(src, sink, { signal: ac2.signal });
  } catch (e) {
    log('pipeline rejected ' + e.name + ' src destroyed=' + src.destroyed);
  }
}, 10);
