// readStream.pipe(writeStream) on a 150 KiB file: 'pipe' (synchronous), source 'end' before
// destination 'finish', then both 'close' events (order only where one depends on the other:
// printed as facts at the end); then stream/promises pipeline() of the copy through a Transform
// that upper-cases, awaited; contents verified.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { Transform } = require('node:stream');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const src = path.join(dir, 'src.txt');
const dst = path.join(dir, 'dst.txt');
fs.writeFileSync(src, 'abc\n'.repeat(150 * 256));

const rs = fs.createReadStream(src);
const ws = fs.createWriteStream(dst);
const seen = [];
ws.on('pipe', (from) => console.log('pipe event, from is rs:', from === rs));
rs.on('end', () => seen.push('rs end'));
ws.on('finish', () => seen.push('ws finish'));
rs.on('close', () => seen.push('rs close'));
ws.on('close', async () => {
  seen.push('ws close');
  console.log('rs end before ws finish:', seen.indexOf('rs end') < seen.indexOf('ws finish'));
  console.log('ws finish before ws close:', seen.indexOf('ws finish') < seen.indexOf('ws close'));
  console.log('sizes equal:', fs.statSync(src).size === fs.statSync(dst).size, fs.statSync(dst).size);
  const upper = new Transform({
    transform(chunk, _enc, cb) {
      cb(null, chunk.toString().toUpperCase());
    },
  });
  const out = path.join(dir, 'upper.txt');
  const r = await pipeline(fs.createReadStream(dst), upper, fs.createWriteStream(out));
  console.log('pipeline resolved with', r);
  const text = fs.readFileSync(out, 'utf8');
  console.log('upper copy ok:', text === 'ABC\n'.repeat(150 * 256));
  try {
    await pipeline(fs.createReadStream(path.join(dir, 'missing')), fs.createWriteStream(path.join(dir, 'never.txt')));
  } catch (e) {
    console.log('pipeline from a missing file rejects:', e.code);
  }
});
console.log('piped, returns ws:', rs.pipe(ws) === ws);
