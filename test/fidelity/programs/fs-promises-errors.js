// fs.promises rejections: ENOENT/EISDIR/EEXIST/ENOTEMPTY as Error objects (code, errno, syscall,
// path, message), caught with try/catch, .catch and Promise.allSettled; an unhandled fs.promises
// rejection at the end crashes with exit 1 and Node's uncaught-error print.
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('exit code', code);
});
const clean = (s) => String(s).split(dir).join('<dir>');
const p = (...x) => path.join(dir, ...x);
fs.mkdirSync(p('sub'));
fs.writeFileSync(p('sub', 'f.txt'), 'x');
const show = (label, e) =>
  console.log(`${label}: ${e.constructor.name} code=${e.code} errno=${e.errno} syscall=${e.syscall} path=${clean(e.path)} message=${clean(e.message)}`);

(async () => {
  try {
    await fsp.readFile(p('missing'));
  } catch (e) {
    show('readFile missing', e);
  }
  await fsp.readFile(p('sub')).catch((e) => show('readFile dir', e));
  await fsp.mkdir(p('sub')).catch((e) => show('mkdir existing', e));
  await fsp.rmdir(p('sub')).catch((e) => show('rmdir non-empty', e));
  await fsp.open(p('sub', 'f.txt'), 'wx').catch((e) => show('open wx existing', e));
  await fsp.stat(p('nope')).catch((e) => show('stat missing', e));
  await fsp.access(p('nope')).catch((e) => show('access missing', e));
  await fsp.rm(p('sub')).catch((e) => show('rm dir', e));
  await fsp.readdir(p('sub', 'f.txt')).catch((e) => show('readdir file', e));
  try {
    await fsp.readFile(123);
  } catch (e) {
    console.log('readFile(123):', e.code, e.message.split('\n')[0]);
  }
  let syncThrow = 'no';
  let promise;
  try {
    promise = fsp.writeFile(p('sub', 'g.txt'), 42);
  } catch (e) {
    syncThrow = e.code;
  }
  console.log('writeFile(42) throws synchronously:', syncThrow);
  if (promise) await promise.catch((e) => console.log('writeFile(42) rejects:', e.code));
  setTimeout(() => console.log('timeout 1000 (not reached)'), 1000);
  // Through a FileHandle, so the crash prints no path (Node 26's readFile(path) names the temp dir).
  fsp.open(p('sub')).then((h) => h.readFile());
})();
