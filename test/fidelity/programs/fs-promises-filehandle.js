// FileHandle from fs.promises.open: write (string and buffer), read into a buffer, stat,
// readFile on the handle (from the current position), truncate, writeFile, close; operations
// on a closed handle reject with EBADF; close twice; the 'close' event of the handle.
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'fh.txt');

(async () => {
  const fh = await fsp.open(file, 'w+');
  console.log('handle:', fh.constructor.name, typeof fh.fd);
  fh.on('close', () => console.log('  handle close event'));
  console.log('write string:', await fh.write('hello world'));
  const w2 = await fh.write(Buffer.from('HELLO'), 0, 5, 0);
  console.log('write buffer at 0:', w2.bytesWritten, w2.buffer.toString());
  const r = await fh.read(Buffer.alloc(16, '-'), 0, 11, 0);
  console.log('read:', r.bytesRead, JSON.stringify(r.buffer.toString()));
  const r2 = await fh.read({ position: 6 });
  console.log('read with defaults:', r2.bytesRead, r2.buffer.length, JSON.stringify(r2.buffer.subarray(0, r2.bytesRead).toString()));
  console.log('stat size:', (await fh.stat()).size);
  console.log('readFile from position 11:', JSON.stringify(await fh.readFile('utf8')));
  await fh.truncate(5);
  console.log('after truncate(5) size:', (await fh.stat()).size);
  await fh.writeFile('rewritten');
  console.log('file now:', JSON.stringify(fs.readFileSync(file, 'utf8')));
  await fh.sync();
  console.log('close:', await fh.close(), 'fd after close:', fh.fd);
  try {
    await fh.stat();
  } catch (e) {
    console.log('stat after close:', e.code, e.syscall, e.message);
  }
  try {
    await fh.read(Buffer.alloc(4), 0, 4, 0);
  } catch (e) {
    console.log('read after close:', e.code, e.syscall, e.message);
  }
  console.log('close again:', await fh.close());
  const fh2 = await fsp.open(file);
  const data = await fh2.readFile({ encoding: 'utf8' });
  await fh2.close();
  console.log('second handle read:', JSON.stringify(data));
})();
