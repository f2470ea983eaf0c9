// readable.pipe(passThrough).pipe(writable): 'pipe' events, end propagation ('end' of each
// stage before the next 'finish'), then unpipe of a second pipe chain, and return values.
const { Readable, PassThrough, Writable } = require('stream');
const log = (s) => console.log(s);
const src = Readable.from(['x', 'y', 'z']);
const mid = new PassThrough({ objectMode: true });
const out = new Writable({ objectMode: true, write(c, e, cb) { log('out _write ' + c); cb(); } });
mid.on('pipe', (s) => log('mid pipe event from src=' + (s === src)));
out.on('pipe', () => log('out pipe event'));
src.on('end', () => log('src end'));
mid.on('finish', () => log('mid finish'));
mid.on('end', () => log('mid end'));
out.on('finish', () => log('out finish'));
src.on('close', () => log('src close'));
mid.on('close', () => log('mid close'));
out.on('close', () => log('out close'));
const ret = src.pipe(mid);
log('pipe returns dest: ' + (ret === mid));
mid.pipe(out);
log('sync end');
setTimeout(() => {
  const a = new PassThrough();
  const b = new Writable({ write(c, e, cb) { log('b got ' + c); cb(); } });
  b.on('unpipe', () => log('b unpipe event'));
  b.on('finish', () => log('b finish (unexpected)'));
  a.pipe(b);
  a.write('1');
  setImmediate(() => {
    a.unpipe(b);
    log('unpiped; a flowing=' + a.readableFlowing);
    a.write('2');
    a.end();
    setImmediate(() => log('a buffered ' + a.readableLength + ' after unpipe'));
  });
}, 20);
