// With UV_THREADPOOL_SIZE=1 (set before anything uses the pool) threadpool work runs one item at a
// time in submission order: 6 pbkdf2 calls (~50 ms each) complete in order 0..5; an fs.readFile
// submitted after #1 finishes last (its open runs after #1, but its fstat/read/close queue behind
// #2..#5); a 5 ms timer fires before the first completion. (Immediates queued in each callback
// are not printed: on a loaded machine two completions can reach the loop in one poll phase.)
process.env.UV_THREADPOOL_SIZE = '1';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'f.txt');
fs.writeFileSync(file, 'file data');

setTimeout(() => console.log('timeout 5'), 5);
for (let i = 0; i < 6; i++) {
  crypto.pbkdf2('pw', 'salt' + i, 50000, 16, 'sha512', (err, key) => console.log(`pbkdf2 #${i} ${key.length}`));
  if (i === 1) fs.readFile(file, 'utf8', (err, d) => console.log(`readFile: ${d}`));
}
