// Other fs errors via callbacks: EISDIR (readFile of a directory), EEXIST (mkdir, open 'wx',
// copyFile with COPYFILE_EXCL), ENOTEMPTY (rmdir), ENOTDIR, ERR_FS_EISDIR from rm of a
// directory without `recursive`, and mkdir { recursive: true } on an existing directory (no error).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const clean = (s) => String(s).split(dir).join('<dir>');
const p = (...x) => path.join(dir, ...x);
fs.mkdirSync(p('sub'));
fs.writeFileSync(p('sub', 'file.txt'), 'content');

const ops = [
  ['readFile(dir)', (cb) => fs.readFile(p('sub'), cb)],
  ['mkdir(existing)', (cb) => fs.mkdir(p('sub'), cb)],
  ['mkdir(existing, recursive)', (cb) => fs.mkdir(p('sub'), { recursive: true }, cb)],
  ['mkdir(new, recursive)', (cb) => fs.mkdir(p('a', 'b', 'c'), { recursive: true }, cb)],
  ['open(existing, wx)', (cb) => fs.open(p('sub', 'file.txt'), 'wx', cb)],
  ['copyFile EXCL', (cb) => fs.copyFile(p('sub', 'file.txt'), p('sub', 'file.txt'), fs.constants.COPYFILE_EXCL, cb)],
  ['rmdir(non-empty)', (cb) => fs.rmdir(p('sub'), cb)],
  ['readdir(file)', (cb) => fs.readdir(p('sub', 'file.txt'), cb)],
  ['stat(file/child)', (cb) => fs.stat(p('sub', 'file.txt', 'child'), cb)],
  ['rm(dir)', (cb) => fs.rm(p('sub'), cb)],
  ['rm(missing)', (cb) => fs.rm(p('nope'), cb)],
  ['rm(missing, force)', (cb) => fs.rm(p('nope'), { force: true }, cb)],
  ['unlink(dir)', (cb) => fs.unlink(p('sub'), cb)],
];

function next(i) {
  if (i === ops.length) return console.log('done');
  const [label, op] = ops[i];
  op((err, value) => {
    if (!err) console.log(`${label}: ok value=${clean(value)}`);
    else console.log(`${label}: ${err.name} code=${err.code} errno=${err.errno} syscall=${err.syscall} message=${clean(err.message)}`);
    next(i + 1);
  });
}
next(0);
