// fs.promises.writeFile with different data sources: a string with encoding, a Uint8Array, an
// async generator (awaits between chunks), a Readable stream, an array-like iterable of strings;
// flags 'a' (append) and 'wx' (EEXIST); appendFile creating the file; contents read back.
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const f = (n) => path.join(dir, n);
const read = (n) => JSON.stringify(fs.readFileSync(f(n), 'latin1'));

(async () => {
  await fsp.writeFile(f('hex.txt'), '68656c6c6f', 'hex');
  console.log('hex string:', read('hex.txt'));
  await fsp.writeFile(f('u8.bin'), new Uint8Array([65, 66, 67]));
  console.log('Uint8Array:', read('u8.bin'));
  async function* gen() {
    yield 'one,';
    await new Promise((r) => setTimeout(r, 5));
    yield Buffer.from('two,');
    yield 'three';
  }
  await fsp.writeFile(f('gen.txt'), gen());
  console.log('async generator:', read('gen.txt'));
  await fsp.writeFile(f('stream.txt'), Readable.from(['a', 'b', 'c']));
  console.log('Readable:', read('stream.txt'));
  await fsp.writeFile(f('iter.txt'), ['x', 'y', 'z']);
  console.log('array of strings:', read('iter.txt'));
  await fsp.writeFile(f('iter.txt'), '+more', { flag: 'a' });
  console.log('flag a:', read('iter.txt'));
  await fsp.writeFile(f('iter.txt'), 'nope', { flag: 'wx' }).catch((e) => console.log('flag wx:', e.code));
  await fsp.appendFile(f('new.txt'), 'created by appendFile');
  console.log('appendFile new:', read('new.txt'));
  console.log('files:', (await fsp.readdir(dir)).sort().join(' '));
})();
