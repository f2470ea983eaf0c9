// readable.pipe(dest) when dest errors: dest is destroyed, the source is unpiped and paused
// but not destroyed (unlike pipeline); an 'unpipe' event on dest.
const { Readable, Writable } = require('stream');
const log = (s) => console.log(s);
let i = 0;
const src = new Readable({ objectMode: true, highWaterMark: 3, read() { i++; log('src _read ' + i); if (i <= 6) this.push(i); } });
const dest = new Writable({
  objectMode: true,
  write(c, e, cb) {
    log('dest write ' + c);
    cb(c === 2 ? new Error('dest broke') : null);
  },
});
dest.on('unpipe', () => log('dest unpipe'));
dest.on('error', (e) => log('dest error ' + e.message));
dest.on('close', () => {
  log('dest close; src destroyed=' + src.destroyed + ' flowing=' + src.readableFlowing);
  setImmediate(() => log('next immediate: src destroyed=' + src.destroyed + ' buffered=' + src.readableLength + ' reads=' + i));
});
src.on('close', () => log('src close (unexpected)'));
src.pipe(dest);
