// readline/promises (ESM, top-level await): rl.question() answered by the first line of a file
// stream (the prompt goes to the output stream); the other lines of the same chunk are emitted as
// 'line' events before the awaiting code resumes; 'close' at end of input; question() after
// close rejects (ERR_USE_AFTER_CLOSE); a question with an aborted signal rejects with AbortError.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import * as readline from 'node:readline/promises';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'answers.txt');
fs.writeFileSync(file, 'Ada\nsecond\nthird\n');

let written = '';
const output = new Writable({
  write(chunk, _enc, cb) {
    written += chunk;
    cb();
  },
});
const rl = readline.createInterface({ input: fs.createReadStream(file), output, terminal: false });
const seen = [];
rl.on('line', (line) => seen.push(line));
const closed = new Promise((resolve) => rl.on('close', () => {
  console.log('close event');
  resolve();
}));
const name = await rl.question('name? ');
console.log('answer:', JSON.stringify(name), 'line events so far:', seen);
console.log('prompt written:', JSON.stringify(written));
await closed;
try {
  await rl.question('again? ');
} catch (e) {
  console.log('question after close:', e.code, e.message);
}
const rl2 = readline.createInterface({ input: fs.createReadStream(file), output, terminal: false });
const ac = new AbortController();
const q = rl2.question('never? ', { signal: ac.signal });
ac.abort();
try {
  await q;
} catch (e) {
  console.log('aborted question:', e.name, e.code);
}
rl2.close();
console.log('end');
