// for await over a Readable with break: the stream is destroyed (no 'end', 'close' fires,
// _destroy runs) unless destroyOnReturn:false via iterator(); throwing inside the loop too.
const { Readable } = require('stream');
const log = (s) => console.log(s);
function make(name) {
  let i = 0;
  const r = new Readable({
    objectMode: true,
    read() { i++; this.push(i <= 5 ? name + i : null); },
    destroy(err, cb) { log(name + ' _destroy err=' + (err && err.message)); cb(err); },
  });
  r.on('end', () => log(name + ' end'));
  r.on('close', () => log(name + ' close'));
  return r;
}
(async () => {
  const a = make('a');
  for await (const v of a) {
    log('got ' + v);
    if (v === 'a2') break;
  }
  log('after break destroyed=' + a.destroyed);
  await null;
  log('one tick later');
  const b = make('b');
  for await (const v of b.iterator({ destroyOnReturn: false })) {
    log('got ' + v);
    if (v === 'b2') break;
  }
  log('b destroyed=' + b.destroyed + ' rest:');
  for await (const v of b) log('  rest ' + v);
  const c = make('c');
  try {
    for await (const v of c) {
      log('got ' + v);
      throw new Error('loop threw');
    }
  } catch (e) {
    log('caught ' + e.message + ' c destroyed=' + c.destroyed + ' errored=' + c.errored);
  }
})();
