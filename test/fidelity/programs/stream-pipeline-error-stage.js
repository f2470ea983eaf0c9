// pipeline with a Transform that fails on the 2nd chunk: the callback gets the error once,
// every stream is destroyed (source too), and no 'finish' happens downstream.
const { pipeline, Readable, Transform, Writable } = require('stream');
const log = (s) => console.log(s);
let n = 0;
const src = new Readable({ objectMode: true, read() { n++; this.push(n <= 5 ? n : null); } });
const t = new Transform({
  objectMode: true,
  transform(c, e, cb) {
    log('t ' + c);
    if (c === 2) cb(new Error('stage failed'));
    else cb(null, c);
  },
});
const sink = new Writable({ objectMode: true, write(c, e, cb) { log('sink ' + c); setImmediate(cb); } });
src.on('close', () => log('src close'));
t.on('error', (e) => log('t error ' + e.message));
t.on('close', () => log('t close'));
sink.on('finish', () => log('sink finish (unexpected)'));
sink.on('close', () => log('sink close'));
pipeline(src, t, sink, (err) => {
  log('cb ' + err.message + ' | destroyed src=' + src.destroyed + ' t=' + t.destroyed + ' sink=' + sink.destroyed);
  log('sink errored=' + (sink.errored && sink.errored.message));
});
