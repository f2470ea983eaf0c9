// stream.finished(stream, cb): after 'end' for a Readable, after 'finish' for a Writable,
// ERR_STREAM_PREMATURE_CLOSE when destroyed early, the error when errored; the cleanup
// function it returns removes its listeners.
const { finished, Readable, Writable, PassThrough } = require('stream');
const log = (s) => console.log(s);
const r = Readable.from(['a']);
r.on('end', () => log('r end'));
r.on('close', () => log('r close'));
finished(r, (err) => log('finished r err=' + err));
r.resume();
const w = new Writable({ write(c, e, cb) { cb(); } });
w.on('finish', () => log('w finish'));
finished(w, (err) => log('finished w err=' + err));
w.end('x');
setTimeout(() => {
  const p = new PassThrough();
  finished(p, (err) => log('finished p: ' + err.code));
  p.destroy();
  const q = new PassThrough();
  finished(q, (err) => log('finished q: ' + err.message));
  q.destroy(new Error('q failed'));
  const z = new PassThrough();
  const cleanup = finished(z, () => log('finished z (unexpected)'));
  log('z end listeners before cleanup ' + z.listenerCount('end'));
  cleanup();
  log('z end listeners after cleanup ' + z.listenerCount('end'));
  z.resume();
  z.end();
  z.on('end', () => log('z end'));
}, 20);
