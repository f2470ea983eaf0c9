// stream/promises pipeline with { end: false }: the destination is not ended, so two sources
// can be piped into it one after the other; then it is ended by hand.
const { pipeline } = require('stream/promises');
const { Readable, Writable } = require('stream');
const log = (s) => console.log(s);
const sink = new Writable({ objectMode: true, write(c, e, cb) { log('sink ' + c); cb(); } });
sink.on('finish', () => log('sink finish'));
sink.on('close', () => log('sink close'));
(async () => {
  await pipeline(Readable.from(['a1', 'a2']), sink, { end: false });
  log('first pipeline done; writableEnded=' + sink.writableEnded);
  await pipeline(Readable.from(['b1']), sink, { end: false });
  log('second pipeline done; writableEnded=' + sink.writableEnded);
  sink.end('last');
  log('end called');
})();
