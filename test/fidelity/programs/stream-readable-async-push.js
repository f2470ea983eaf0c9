// Readable whose _read pushes later (from a promise job, then setImmediate): _read is not
// called again until the pending push arrives; 'data' fires in the pushing tick.
const { Readable } = require('stream');
const log = (s) => console.log(s);
let n = 0;
const r = new Readable({
  read(size) {
    const i = ++n;
    log('_read ' + i);
    if (i === 1) Promise.resolve().then(() => { log('push a (promise)'); this.push('a'); log('after push a'); });
    else if (i === 2) process.nextTick(() => { log('push b (nextTick)'); this.push('b'); });
    else if (i === 3) setImmediate(() => { log('push c (immediate)'); this.push('c'); });
    else setImmediate(() => { log('push null'); this.push(null); });
  },
});
r.on('data', (c) => log('data ' + c));
r.on('end', () => { log('end'); process.nextTick(() => log('nextTick after end')); });
r.on('close', () => log('close'));
process.nextTick(() => log('main nextTick'));
Promise.resolve().then(() => log('main promise'));
