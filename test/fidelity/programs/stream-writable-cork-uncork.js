// cork/uncork: writes while corked are buffered and handed to _writev in one call on
// uncork (here from a nextTick); nested cork needs two uncorks; end() uncorks fully.
const { Writable } = require('stream');
const log = (s) => console.log(s);
const w = new Writable({
  decodeStrings: false,
  write(chunk, enc, cb) { log('_write ' + chunk); setImmediate(cb); },
  writev(chunks, cb) { log('_writev [' + chunks.map((c) => c.chunk).join(',') + ']'); setImmediate(cb); },
});
w.on('finish', () => log('finish'));
w.cork();
w.write('a', () => log('cb a'));
w.write('b', () => { log('cb b'); setTimeout(second, 20); });
log('corked=' + w.writableCorked + ' length=' + w.writableLength);
process.nextTick(() => {
  log('nextTick: uncork');
  w.uncork();
  log('after uncork corked=' + w.writableCorked);
});
function second() {
  w.cork();
  w.cork();
  w.write('c', () => log('cb c'));
  w.uncork();
  log('one uncork: corked=' + w.writableCorked);
  w.write('d', () => log('cb d'));
  w.end('e', () => log('end cb'));
  log('end called: corked=' + w.writableCorked);
}
