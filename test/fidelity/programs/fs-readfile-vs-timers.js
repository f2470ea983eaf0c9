// fs.readFile's callback (poll phase, after several threadpool round trips) vs a top-level
// setImmediate (first check phase) and a 300 ms timer; inside the I/O callback: nextTick,
// microtask, then setImmediate before setTimeout(0).
// racy in Node 26: its fs.readFile is one threadpool request, which finishes in the first poll phase (7 of 8 runs) or after the top-level immediate (1 of 8), as fs.stat does in every line.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'a.txt');
fs.writeFileSync(file, 'hello from a file\n');

setTimeout(() => console.log('timeout 300'), 300);
setImmediate(() => console.log('immediate (top level)'));
fs.readFile(file, 'utf8', (err, data) => {
  console.log('readFile callback:', err, JSON.stringify(data));
  setTimeout(() => console.log('  readFile -> timeout 0'), 0);
  setImmediate(() => console.log('  readFile -> immediate'));
  Promise.resolve().then(() => console.log('  readFile -> microtask'));
  process.nextTick(() => console.log('  readFile -> nextTick'));
  console.log('  readFile callback end');
});
process.nextTick(() => console.log('nextTick (top level)'));
Promise.resolve().then(() => console.log('microtask (top level)'));
console.log('sync end');
