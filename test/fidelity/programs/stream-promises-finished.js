// stream/promises finished(): resolution relative to 'end', 'close' and the program's own
// microtask/nextTick markers; rejection for an errored stream.
const { finished } = require('stream/promises');
const { Readable } = require('stream');
const log = (s) => console.log(s);
const r = new Readable({ read() { this.push('x'); this.push(null); } });
r.on('end', () => {
  log('end');
  process.nextTick(() => log('nextTick after end'));
  Promise.resolve().then(() => log('promise after end'));
});
r.on('close', () => log('close'));
finished(r).then(() => log('finished resolved'));
r.resume();
setTimeout(async () => {
  const bad = new Readable({ read() {} });
  const p = finished(bad);
  bad.destroy(new Error('broken'));
  try {
    await p;
  } catch (e) {
    log('finished rejected ' + e.message);
  }
  const half = new Readable({ read() {} });
  const p2 = finished(half, { readable: true });
  half.destroy();
  await p2.catch((e) => log('premature ' + e.code));
}, 20);
