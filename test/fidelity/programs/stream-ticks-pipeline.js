// Exact nextTick position of pipeline's stages and callback: a nextTick counter runs alongside
// pipeline(Readable, Transform, Writable) with sync callbacks everywhere.
const { pipeline, Readable, Transform, Writable } = require('stream');
const log = (s) => console.log(s);
let t = 0;
const tick = () => { t++; if (t < 40) process.nextTick(tick); };
process.nextTick(tick);
let i = 0;
const src = new Readable({ read() { i++; this.push(i <= 2 ? 's' + i : null); } });
const tr = new Transform({ transform(c, e, cb) { log('[' + t + '] transform ' + c); cb(null, c); } });
const dst = new Writable({ write(c, e, cb) { log('[' + t + '] write ' + c); cb(); } });
src.on('end', () => log('[' + t + '] src end'));
tr.on('end', () => log('[' + t + '] tr end'));
dst.on('finish', () => log('[' + t + '] dst finish'));
for (const [n, s] of [['src', src], ['tr', tr], ['dst', dst]]) s.on('close', () => log('[' + t + '] ' + n + ' close'));
pipeline(src, tr, dst, (err) => log('[' + t + '] callback err=' + err));
log('[' + t + '] sync end');
