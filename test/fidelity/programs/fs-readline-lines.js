// readline over a file stream with 'line' and 'close' events: lines of one chunk are emitted
// synchronously one after another (a microtask or nextTick queued in a 'line' handler runs after
// the rest of that chunk's lines), the unterminated last line and 'close' come at end of input;
// crlfDelay handling of \r\n.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'in.txt');
fs.writeFileSync(file, 'first\nsecond\r\nthird\n\nfifth (no newline)');

const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
let n = 0;
rl.on('line', (line) => {
  n++;
  const k = n;
  console.log(`line ${k}: ${JSON.stringify(line)}`);
  if (k === 1) {
    Promise.resolve().then(() => console.log(`  microtask from line ${k}`));
    process.nextTick(() => console.log(`  nextTick from line ${k}`));
  }
});
rl.on('close', () => {
  console.log('close after', n, 'lines');
  setImmediate(() => console.log('immediate after close'));
});
rl.on('pause', () => console.log('pause event'));
setTimeout(() => console.log('timeout 400'), 400);
