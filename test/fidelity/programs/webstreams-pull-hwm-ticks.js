// A pull source with highWaterMark 2: when start/pull run and each read settles, against a
// chain of the program's own promises, a nextTick and an immediate.
const log = (s) => console.log(s);
let i = 0;
const rs = new ReadableStream({
  start() { log('start'); },
  pull(c) {
    log('pull ' + i + ' desired=' + c.desiredSize);
    if (i < 3) c.enqueue(i++);
    else c.close();
  },
}, { highWaterMark: 2 });
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3')).then(() => log('p4')).then(() => log('p5'));
const r = rs.getReader();
r.read().then((v) => log('read1 ' + v.value + ' ' + v.done));
r.read().then((v) => log('read2 ' + v.value + ' ' + v.done));
r.closed.then(() => log('closed'));
(async () => {
  for (;;) {
    const v = await r.read();
    log('aread ' + v.value + ' ' + v.done);
    if (v.done) break;
  }
  log('loop end');
})();
setImmediate(() => log('immediate'));
process.nextTick(() => log('tick'));
log('sync end');
