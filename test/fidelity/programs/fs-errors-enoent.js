// ENOENT through fs callbacks: code, errno, syscall, path and message (paths shown relative to
// the temp dir) for readFile, stat, open, unlink, readdir, rename, copyFile, chmod; each error
// callback is a separate step, started after the previous one.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const clean = (s) => String(s).split(dir).join('<dir>');
const missing = path.join(dir, 'missing.txt');

const ops = [
  ['readFile', (cb) => fs.readFile(missing, cb)],
  ['stat', (cb) => fs.stat(missing, cb)],
  ['lstat', (cb) => fs.lstat(missing, cb)],
  ['open', (cb) => fs.open(missing, 'r', cb)],
  ['unlink', (cb) => fs.unlink(missing, cb)],
  ['readdir', (cb) => fs.readdir(path.join(dir, 'nodir'), cb)],
  ['rename', (cb) => fs.rename(missing, path.join(dir, 'other.txt'), cb)],
  ['copyFile', (cb) => fs.copyFile(missing, path.join(dir, 'copy.txt'), cb)],
  ['chmod', (cb) => fs.chmod(missing, 0o644, cb)],
  ['writeFile in missing dir', (cb) => fs.writeFile(path.join(dir, 'nodir', 'x.txt'), 'x', cb)],
  ['rmdir', (cb) => fs.rmdir(path.join(dir, 'nodir'), cb)],
];

function next(i) {
  if (i === ops.length) return;
  const [label, op] = ops[i];
  op((err, value) => {
    console.log(`${label}: value=${value}`);
    console.log(`  instanceof Error=${err instanceof Error} name=${err.name} code=${err.code} errno=${err.errno} syscall=${err.syscall}`);
    console.log(`  path=${clean(err.path)} dest=${clean(err.dest)}`);
    console.log(`  message=${clean(err.message)}`);
    console.log(`  keys=${Object.keys(err).join(',')}`);
    next(i + 1);
  });
}
next(0);
