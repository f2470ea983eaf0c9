// for await (const line of readline.createInterface({ input: fs.createReadStream(f) })) over a
// 3000-line file read in small chunks (highWaterMark 1024): all lines in order, the count, the
// sum of numbers; an await of a 1 ms timer in the loop body for the first lines does not lose
// lines; events.once(rl, 'close') style completion.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { setTimeout: sleep } = require('node:timers/promises');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'nums.txt');
fs.writeFileSync(file, Array.from({ length: 3000 }, (_, i) => `n=${i + 1}`).join('\n') + '\n');

(async () => {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 1024 }) });
  let count = 0;
  let sum = 0;
  let ordered = true;
  for await (const line of rl) {
    count++;
    const v = Number(line.slice(2));
    if (v !== count) ordered = false;
    sum += v;
    if (count <= 3) {
      console.log('line', JSON.stringify(line));
      await sleep(1);
    }
  }
  console.log('count', count, 'sum', sum, 'ordered', ordered);
  const rl2 = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let closed = false;
  rl2.on('close', () => (closed = true));
  const firstTwo = [];
  for await (const line of rl2) {
    firstTwo.push(line);
    if (firstTwo.length === 2) break;
  }
  console.log('break after', firstTwo, 'rl2 closed:', closed);
})();
