// Readable.from(async generator) consumed twice: with for await (the generator and the
// consumer interleave) and with 'data' events; generator finally runs on normal completion.
const { Readable } = require('stream');
const log = (s) => console.log(s);
async function* gen(name) {
  try {
    for (let i = 1; i <= 3; i++) {
      log(name + ' yield ' + i);
      yield name + i;
      await null;
    }
  } finally {
    log(name + ' finally');
  }
}
(async () => {
  const a = Readable.from(gen('a'));
  a.on('close', () => log('a close'));
  for await (const v of a) {
    log('for await got ' + v);
  }
  log('loop done destroyed=' + a.destroyed);
  const b = Readable.from(gen('b'));
  b.on('data', (v) => log('data ' + v));
  b.on('end', () => log('b end'));
  b.on('close', () => log('b close'));
})();
