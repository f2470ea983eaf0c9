// stream.pipeline(source, transform, writable, cb): the callback runs after the last stream's
// 'finish' and after the source's 'close'; order of every stage's 'end'/'finish'/'close'.
const { pipeline, Readable, Transform, Writable } = require('stream');
const log = (s) => console.log(s);
const src = Readable.from(['a', 'b']);
const up = new Transform({
  objectMode: true,
  transform(c, e, cb) { log('up ' + c); cb(null, c.toUpperCase()); },
  flush(cb) { log('up flush'); cb(null, '!'); },
});
const sink = new Writable({ objectMode: true, write(c, e, cb) { log('sink ' + c); cb(); } });
for (const [name, s] of [['src', src], ['up', up], ['sink', sink]]) {
  for (const ev of ['end', 'finish', 'close']) s.on(ev, () => log(name + ' ' + ev));
}
const ret = pipeline(src, up, sink, (err) => {
  log('pipeline cb err=' + err);
  process.nextTick(() => log('nextTick after cb'));
});
log('returns last stream: ' + (ret === sink));
log('sync end');
