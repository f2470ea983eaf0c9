// Destroying a Readable from inside a 'data' listener while more chunks are buffered: the
// flow loop still delivers the buffered chunks in the same tick; readableAborted; 'close'
// before a nextTick queued in the listener; destroy(err) after destroy() is ignored (no 'error').
const { Readable } = require('stream');
const log = (s) => console.log(s);
const r = new Readable({ objectMode: true, read() {} });
['a', 'b', 'c'].forEach((x) => r.push(x));
r.on('data', (c) => {
  log('data ' + c);
  if (c === 'a') {
    r.destroy();
    log('destroyed in data; aborted=' + r.readableAborted + ' ended=' + r.readableEnded);
    process.nextTick(() => log('nextTick from data'));
  }
});
r.on('end', () => log('end (unexpected)'));
r.on('close', () => log('close'));
r.on('error', (e) => log('error (unexpected) ' + e.message));
setTimeout(() => {
  const s = new Readable({ read() {} });
  s.on('error', (e) => log('s error ' + e.message));
  s.on('close', () => log('s close errored=' + (s.errored && s.errored.message)));
  s.destroy();
  s.destroy(new Error('after destroy'));
  log('s errored now=' + (s.errored && s.errored.message));
}, 20);
