// stream.compose(): when a chunk pushed into the head comes out of the composed stream, against
// the program's own ticks and microtasks. Node 24 made the composed stream take its tail's
// chunks as 'data' (in the same tick); Node 20 and 22 read them on the tail's next 'readable'.
const { Readable, Transform, compose } = require('stream');

const head = new Readable({ objectMode: true, highWaterMark: Number.MAX_SAFE_INTEGER, read() {} });
const upper = new Transform({ writableObjectMode: true, transform(chunk, _enc, cb) { cb(null, `got ${chunk}\n`); } });
compose(head, upper).pipe(process.stdout);

head.push('a');
setTimeout(() => {
  head.push('b');
  Promise.resolve().then(() => console.log('microtask 1')).then(() => console.log('microtask 2'));
  process.nextTick(() => console.log('tick'));
  console.log('sync');
}, 10);
setTimeout(() => {
  head.push('c');
  head.push('d');
  console.log('pushed c and d');
  head.push(null);
}, 20);
