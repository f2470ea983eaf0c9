// Inside fs callbacks (poll phase): nextTick, then promise jobs, then setImmediate (check phase of
// the same iteration), then setTimeout(0) (a later iteration); the next fs call of the chain is
// started from that timeout, so the order is causal.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(path.join(dir, 'f'), 'abc');

let step = 0;
function around(label, next) {
  const n = ++step;
  console.log(`${n} ${label}`);
  setTimeout(() => {
    console.log(`  ${n} timeout 0 after ${label}`);
    if (next) next();
  }, 0);
  setImmediate(() => console.log(`  ${n} immediate after ${label}`));
  Promise.resolve().then(() => console.log(`  ${n} promise after ${label}`));
  process.nextTick(() => console.log(`  ${n} nextTick after ${label}`));
}

setTimeout(() => {
  fs.stat(path.join(dir, 'f'), (err, st) =>
    around('stat size=' + st.size, () =>
      fs.access(path.join(dir, 'f'), (err2) =>
        around('access err=' + err2, () =>
          fs.lstat(dir, (err3, st3) => around('lstat isDirectory=' + st3.isDirectory()))))));
}, 5);
