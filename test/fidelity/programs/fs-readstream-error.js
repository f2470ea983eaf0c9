// createReadStream / createWriteStream on bad paths: 'error' (ENOENT / EISDIR / ENOENT in a
// missing directory) and then 'close'; no 'open', 'ready' or 'end'; the error object's fields.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const clean = (s) => String(s).split(dir).join('<dir>');

function watch(label, stream) {
  return new Promise((resolve) => {
    for (const ev of ['open', 'ready', 'data', 'end', 'finish']) stream.on(ev, () => console.log(`${label}: ${ev}`));
    stream.on('error', (e) => console.log(`${label}: error ${e.code} ${e.syscall} ${clean(e.message)}`));
    stream.on('close', () => {
      console.log(`${label}: close (destroyed=${stream.destroyed})`);
      resolve();
    });
  });
}

(async () => {
  await watch('read missing', fs.createReadStream(path.join(dir, 'missing.txt')));
  await watch('read directory', fs.createReadStream(dir));
  const ws = fs.createWriteStream(path.join(dir, 'no', 'such', 'dir.txt'));
  ws.write('x', (err) => console.log('write cb:', err && err.code));
  await watch('write in missing dir', ws);
})();
