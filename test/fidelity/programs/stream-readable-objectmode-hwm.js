// objectMode with highWaterMark 2: push() returns false at the mark, how far _read runs ahead
// before any consumer, and the value 0/''/false chunks pass through (null ends).
const { Readable } = require('stream');
const log = (s) => console.log(s);
const items = [0, '', false, { k: 1 }, [2], 'last'];
let calls = 0;
const r = new Readable({
  objectMode: true,
  highWaterMark: 2,
  read() {
    calls++;
    const more = items.length > 0;
    const v = more ? items.shift() : null;
    const ok = this.push(v);
    log('_read #' + calls + ' pushed ' + JSON.stringify(v) + ' -> ' + ok + ' buffered=' + this.readableLength);
  },
});
log('hwm ' + r.readableHighWaterMark + ' objectMode ' + r.readableObjectMode);
setTimeout(() => {
  log('timer: _read calls so far ' + calls + ' buffered ' + r.readableLength);
  r.on('data', (c) => log('data ' + JSON.stringify(c)));
  r.on('end', () => log('end after ' + calls + ' _read calls'));
}, 20);
