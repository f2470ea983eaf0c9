// createReadStream options: highWaterMark 1000 on a 2500-byte file (1000, 1000, 500), start/end
// (inclusive end), encoding 'utf8' giving strings with a multi-byte character split across
// chunks, and paused mode with 'readable' + read().
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'f.txt');
fs.writeFileSync(file, 'abcdefghij'.repeat(250));
const utf = path.join(dir, 'u.txt');
fs.writeFileSync(utf, 'aé'.repeat(5)); // 15 bytes

function collect(label, stream) {
  return new Promise((resolve) => {
    const parts = [];
    stream.on('data', (c) => parts.push(typeof c === 'string' ? `str(${JSON.stringify(c)})` : `buf(${c.length})`));
    stream.on('close', () => {
      console.log(label + ':', parts.join(' '));
      resolve();
    });
  });
}

(async () => {
  await collect('hwm 1000', fs.createReadStream(file, { highWaterMark: 1000 }));
  await collect('start 5 end 14', fs.createReadStream(file, { start: 5, end: 14, encoding: 'latin1' }));
  await collect('utf8 hwm 4', fs.createReadStream(utf, { encoding: 'utf8', highWaterMark: 4 }));
  const rs = fs.createReadStream(file, { highWaterMark: 1024 });
  const sizes = [];
  rs.on('readable', () => {
    let chunk;
    while ((chunk = rs.read(700)) !== null) sizes.push(chunk.length);
    sizes.push('|');
  });
  await new Promise((resolve) => rs.on('end', resolve));
  console.log('paused read(700):', sizes.join(' '));
})();
