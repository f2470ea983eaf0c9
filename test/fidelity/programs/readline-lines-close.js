// readline.createInterface over an in-memory Readable: 'line' per line (a line split across
// chunks is joined, '\r\n' handled, a last line without newline is emitted at end), then
// 'close'; ticks queued from the first 'line' show how many lines are emitted in one tick.
const readline = require('readline');
const { Readable } = require('stream');
const log = (s) => console.log(s);
const input = Readable.from(['a\nb\n', 'c\r\npar', 'tial\n', 'last']);
const rl = readline.createInterface({ input, crlfDelay: Infinity });
let first = true;
rl.on('line', (line) => {
  log('line ' + JSON.stringify(line));
  if (first) {
    first = false;
    process.nextTick(() => log('  nextTick from first line'));
    Promise.resolve().then(() => log('  promise from first line'));
  }
});
rl.on('close', () => log('close'));
input.on('end', () => log('input end'));
log('sync end terminal=' + rl.terminal);
