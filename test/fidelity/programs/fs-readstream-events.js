// fs.createReadStream event order on a 200 KiB file: 'open' (fd) and 'ready', 'data' chunks of
// the default 64 KiB highWaterMark (65536 x3 + 8192), 'end', 'close'; an immediate created in the
// last 'data' handler runs before 'end' (EOF needs one more read); a 400 ms timer comes last.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'big.bin');
fs.writeFileSync(file, Buffer.alloc(200 * 1024, 'a'));

setTimeout(() => console.log('timeout 400'), 400);
const rs = fs.createReadStream(file);
console.log('created: pending =', rs.pending, 'readableHighWaterMark =', rs.readableHighWaterMark);
rs.on('open', (fd) => console.log('open: typeof fd =', typeof fd));
rs.on('ready', () => console.log('ready'));
let total = 0;
rs.on('data', (chunk) => {
  total += chunk.length;
  console.log('data', chunk.length, 'total', total, 'bytesRead', rs.bytesRead);
  if (total === 200 * 1024) setImmediate(() => console.log('immediate from last data'));
});
rs.on('end', () => console.log('end, readableEnded =', rs.readableEnded));
rs.on('close', () => console.log('close, destroyed =', rs.destroyed));
rs.on('error', (e) => console.log('error', e.code));
process.nextTick(() => console.log('nextTick after createReadStream'));
