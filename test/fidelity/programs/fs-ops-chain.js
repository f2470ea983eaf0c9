// A callback chain through the fs API: mkdir, writeFile, appendFile, copyFile, rename, readdir,
// stat, readFile, unlink, access (ENOENT after unlink), rmdir; an immediate scheduled in each
// callback runs before the next callback (every step is at least one more loop iteration).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const p = (...parts) => path.join(dir, ...parts);
const clean = (s) => String(s).split(dir).join('<dir>');

const steps = [
  ['mkdir', (cb) => fs.mkdir(p('sub'), cb)],
  ['writeFile', (cb) => fs.writeFile(p('sub', 'a.txt'), 'one\n', cb)],
  ['appendFile', (cb) => fs.appendFile(p('sub', 'a.txt'), 'two\n', cb)],
  ['copyFile', (cb) => fs.copyFile(p('sub', 'a.txt'), p('sub', 'b.txt'), cb)],
  ['rename', (cb) => fs.rename(p('sub', 'b.txt'), p('sub', 'c.txt'), cb)],
  ['readdir', (cb) => fs.readdir(p('sub'), (e, names) => cb(e, names && names.sort()))],
  ['stat', (cb) => fs.stat(p('sub', 'c.txt'), (e, st) => cb(e, st && { size: st.size, isFile: st.isFile() }))],
  ['readFile', (cb) => fs.readFile(p('sub', 'c.txt'), 'utf8', cb)],
  ['unlink', (cb) => fs.unlink(p('sub', 'a.txt'), cb)],
  ['access', (cb) => fs.access(p('sub', 'a.txt'), cb)],
  ['unlink c', (cb) => fs.unlink(p('sub', 'c.txt'), cb)],
  ['rmdir', (cb) => fs.rmdir(p('sub'), cb)],
  ['readdir root', (cb) => fs.readdir(dir, cb)],
];

let pendingImmediate = false;
function run(i) {
  if (i === steps.length) return console.log('chain done');
  const [label, op] = steps[i];
  op((err, value) => {
    if (pendingImmediate) console.log('  (immediate of the previous step did not run yet)');
    console.log(label, err ? `${err.code} ${clean(err.message)}` : 'ok', value === undefined ? '' : JSON.stringify(value));
    pendingImmediate = true;
    setImmediate(() => {
      pendingImmediate = false;
      console.log('  immediate after', label);
    });
    run(i + 1);
  });
}
run(0);
