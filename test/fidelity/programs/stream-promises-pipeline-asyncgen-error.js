// stream/promises pipeline where an async-generator stage throws on item 2: the promise
// rejects with that error, the generator's finally blocks run, and the source is destroyed.
const { pipeline } = require('stream/promises');
const { Readable, Writable } = require('stream');
const log = (s) => console.log(s);
let pulled = 0;
const src = new Readable({ objectMode: true, read() { pulled++; this.push(pulled <= 10 ? pulled : null); } });
src.on('close', () => log('src close'));
const sink = new Writable({ objectMode: true, write(c, e, cb) { log('sink ' + c); cb(); } });
sink.on('close', () => log('sink close'));
sink.on('error', (e) => log('sink error ' + e.message));
pipeline(
  src,
  async function* (source) {
    try {
      for await (const x of source) {
        log('stage ' + x);
        if (x === 2) throw new Error('stage exploded');
        yield x;
      }
    } finally {
      log('stage finally');
    }
  },
  sink,
).then(
  () => log('resolved (unexpected)'),
  (e) => log('rejected ' + e.message + ' src.destroyed=' + src.destroyed + ' sink.destroyed=' + sink.destroyed),
);
