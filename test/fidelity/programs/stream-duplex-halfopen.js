// Duplex sides are independent: with allowHalfOpen (default) ending the readable side leaves
// the writable open; with allowHalfOpen:false the readable 'end' ends the writable side too.
const { Duplex } = require('stream');
const log = (s) => console.log(s);
function make(name, opts) {
  const src = ['r1', 'r2'];
  const d = new Duplex({
    ...opts,
    read() { this.push(src.length ? src.shift() : null); },
    write(c, e, cb) { log(name + ' _write ' + c); cb(); },
    final(cb) { log(name + ' _final'); cb(); },
  });
  d.on('data', (c) => log(name + ' data ' + c));
  d.on('end', () => log(name + ' end writableEnded=' + d.writableEnded));
  d.on('finish', () => log(name + ' finish'));
  d.on('close', () => log(name + ' close'));
  return d;
}
const half = make('half', {});
half.write('w1');
setTimeout(() => {
  log('half: writable still open=' + !half.writableEnded + ' destroyed=' + half.destroyed);
  half.end('w2');
  setTimeout(() => {
    const full = make('full', { allowHalfOpen: false });
    full.write('w1');
  }, 20);
}, 20);
