// Threadpool starvation (default 4 threads): fs.stat and fs.readFile are submitted first, then
// four ~100+ ms pbkdf2 jobs. The stat (one step) completes before any pbkdf2; the readFile's open
// also runs at once, but its fstat/read/close queue behind the pbkdf2 jobs that took every
// thread, so it completes after at least one pbkdf2 and after a 30 ms timer. Printed as facts at
// the end: the pbkdf2 threads saturate both cores, so even the stat callback vs the 30 ms timer
// depends on when the main thread gets scheduled.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'data.txt');
fs.writeFileSync(file, 'some file content');

let pbkdf2Done = 0;
let statSaw = -1;
let timerFired = false;
fs.stat(file, () => (statSaw = pbkdf2Done));
fs.readFile(file, () => {
  console.log('stat completed before any pbkdf2:', statSaw === 0);
  console.log('30 ms timer fired before readFile completed:', timerFired);
  console.log('pbkdf2 completions before readFile >= 1:', pbkdf2Done >= 1);
});
for (let i = 0; i < 4; i++) crypto.pbkdf2('pw', 'salt', 100000, 32, 'sha512', () => pbkdf2Done++);
setTimeout(() => (timerFired = true), 30);
process.on('exit', () => console.log('pbkdf2 completions at exit:', pbkdf2Done));
