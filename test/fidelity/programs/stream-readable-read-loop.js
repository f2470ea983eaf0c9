// Paused mode: 'readable' + a while (read() !== null) loop; highWaterMark 4 bytes; how many
// _read calls happen, read(n) with a size, and when 'readable'/'end' fire.
const { Readable } = require('stream');
const log = (s) => console.log(s);
const parts = ['ab', 'cde', 'fghij', 'k'];
const r = new Readable({
  highWaterMark: 4,
  read() {
    const p = parts.shift();
    log('_read -> ' + (p === undefined ? 'null' : p) + ' len=' + this.readableLength);
    const ok = this.push(p === undefined ? null : p);
    log('  push returned ' + ok);
  },
});
let round = 0;
r.on('readable', () => {
  round++;
  log('readable #' + round + ' length=' + r.readableLength);
  if (round === 1) {
    const two = r.read(2);
    log('  read(2) ' + (two && two.toString()));
  }
  let c;
  while ((c = r.read()) !== null) log('  read ' + c.toString());
  const k = round;
  process.nextTick(() => log('  nextTick after readable #' + k));
});
r.on('end', () => log('end'));
r.on('close', () => log('close'));
log('sync end');
