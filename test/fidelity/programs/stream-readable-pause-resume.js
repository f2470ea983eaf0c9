// 'pause'/'resume' events, readableFlowing states, pause() inside 'data' and resume() later
// from a timer, and the deferred start of flowing after on('data').
const { Readable } = require('stream');
const log = (s) => console.log(s);
const r = Readable.from(['a', 'b', 'c', 'd'], { objectMode: true });
log('flowing ' + r.readableFlowing + ' paused ' + r.isPaused());
r.on('pause', () => log('pause event flowing=' + r.readableFlowing));
r.on('resume', () => log('resume event flowing=' + r.readableFlowing));
r.on('data', (c) => {
  log('data ' + c);
  if (c === 'b') {
    r.pause();
    log('paused in data; paused=' + r.isPaused());
    setTimeout(() => {
      log('timer: resume');
      r.resume();
      process.nextTick(() => log('nextTick after resume()'));
    }, 20);
  }
});
log('after on(data) flowing ' + r.readableFlowing);
r.on('end', () => log('end'));
r.on('close', () => log('close'));
r.pause();
log('paused before start flowing ' + r.readableFlowing);
process.nextTick(() => { log('nextTick: resume'); r.resume(); });
