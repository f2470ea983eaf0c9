// Default pool (4 threads): 8 concurrent pbkdf2 calls of equal cost all complete, each exactly
// once (their order is not printed: even 'jobs 0-3 finish first' flips on a loaded machine); a
// 10 ms timer fires before any completion; an fs.stat queued behind the eight completes after
// at least one pbkdf2 (no thread is free before).
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'data.txt');
fs.writeFileSync(file, 'some file content');

const done = [];
let timerFired = false;
let statAfter = -1;
setTimeout(() => {
  timerFired = true;
  console.log('timeout 10: completions so far =', done.length);
}, 10);
for (let i = 0; i < 8; i++) {
  crypto.pbkdf2('password', 'salt', 100000, 32, 'sha512', (err, key) => {
    done.push(i);
    if (done.length === 8) {
      console.log('all 8 done; each once:', new Set(done).size === 8);
      console.log('timer fired before the first completion:', timerFired);
      console.log('stat completed after >= 1 pbkdf2:', statAfter >= 1);
    }
  });
}
fs.stat(file, () => {
  statAfter = done.length;
});
