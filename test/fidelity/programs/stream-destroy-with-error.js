// destroy(err): 'error' then 'close', both after nextTicks queued before destroy; errored
// holds the error; a second destroy(err2) is ignored; emitClose:false suppresses 'close';
// autoDestroy:false keeps the stream alive after 'end'.
const { Readable, Writable, PassThrough } = require('stream');
const log = (s) => console.log(s);
const r = new Readable({ read() {} });
r.on('error', (e) => log('r error ' + e.message));
r.on('close', () => log('r close'));
process.nextTick(() => log('nextTick before destroy'));
r.destroy(new Error('first'));
r.destroy(new Error('second'));
log('errored=' + r.errored.message + ' destroyed=' + r.destroyed);
process.nextTick(() => log('nextTick after destroy'));
Promise.resolve().then(() => log('promise after destroy'));

const w = new Writable({ emitClose: false, write(c, e, cb) { cb(); } });
w.on('error', (e) => log('w error ' + e.message));
w.on('close', () => log('w close (unexpected)'));
w.destroy(new Error('w boom'));

setTimeout(() => {
  const p = new PassThrough({ autoDestroy: false });
  p.on('end', () => {
    log('p end destroyed=' + p.destroyed);
    setImmediate(() => log('p still destroyed=' + p.destroyed));
  });
  p.on('finish', () => log('p finish'));
  p.on('close', () => log('p close (unexpected)'));
  p.resume();
  p.end('data');
}, 20);
