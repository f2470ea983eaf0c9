// fs.readFile needs four threadpool round trips (open, fstat, read, close), each finished in a
// later poll phase: a chain of three immediates (one per check phase) runs entirely before its
// callback; a 300 ms timer comes after it.
// racy in Node 26: its fs.readFile is one threadpool request (open, fstat, read, close at once), which finishes in the first poll phase or a later one as the pool thread happens to run: in 10 runs 8 printed it before 'immediate 1', one after it, one after 'immediate 3' (as fs.stat does in every line).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'data.txt');
fs.writeFileSync(file, 'x'.repeat(100));

fs.readFile(file, (err, buf) => console.log('readFile done, bytes =', buf.length));
setImmediate(() => {
  console.log('immediate 1');
  setImmediate(() => {
    console.log('immediate 2');
    setImmediate(() => console.log('immediate 3'));
  });
});
setTimeout(() => console.log('timeout 300'), 300);
