// UV_THREADPOOL_SIZE=1 and a 300 ms busy wait after submitting four quick threadpool jobs (fs.stat,
// fs.access, crypto.randomBytes, crypto.pbkdf2 with 1 iteration): all have finished when the loop
// starts, so one poll phase runs their callbacks in submission order, each followed by its own
// nextTicks and microtasks; the immediates they queue run afterwards in the check phase, and
// their setTimeout(0)s after that.
process.env.UV_THREADPOOL_SIZE = '1';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'data.txt');
fs.writeFileSync(file, 'some file content');

function cb(label) {
  return () => {
    console.log(label);
    process.nextTick(() => console.log(`  ${label} -> nextTick`));
    Promise.resolve().then(() => console.log(`  ${label} -> microtask`));
    setImmediate(() => console.log(`  ${label} -> immediate`));
    setTimeout(() => console.log(`  ${label} -> timeout 0`), 0);
  };
}
fs.stat(file, cb('stat'));
fs.access(file, cb('access'));
crypto.randomBytes(8, cb('randomBytes'));
crypto.pbkdf2('a', 'b', 1, 8, 'sha256', cb('pbkdf2'));
const t0 = Date.now();
while (Date.now() - t0 < 300);
console.log('busy wait over');
