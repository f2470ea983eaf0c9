// end() with an async _final: 'prefinish' inside _final's callback, then the end() callback,
// 'finish' and 'close', with nextTicks/promises interleaved; writableFinished flags.
const { Writable } = require('stream');
const log = (s) => console.log(s);
const w = new Writable({
  write(chunk, enc, cb) { log('_write ' + chunk); cb(); },
  final(cb) {
    log('_final called');
    Promise.resolve().then(() => { log('_final done'); cb(); log('after _final cb'); });
  },
  destroy(err, cb) { log('_destroy err=' + err); cb(err); },
});
w.on('prefinish', () => log('prefinish'));
w.on('finish', () => {
  log('finish finished=' + w.writableFinished);
  process.nextTick(() => log('nextTick in finish'));
  Promise.resolve().then(() => log('promise in finish'));
});
w.on('close', () => log('close closed=' + w.closed + ' destroyed=' + w.destroyed));
w.write('x');
w.end(() => log('end callback'));
process.nextTick(() => log('nextTick 1'));
Promise.resolve().then(() => log('promise 1'));
log('sync end');
