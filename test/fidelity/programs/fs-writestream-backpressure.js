// Backpressure on an fs.WriteStream with an explicit highWaterMark of 1024: write() returns false
// once 1024+ bytes are buffered, 'drain' fires after the buffer empties, and a writer loop that
// waits for 'drain' writes 40 chunks of 300 bytes; writableLength/writableNeedDrain along the way.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'out.bin');

const ws = fs.createWriteStream(file, { highWaterMark: 1024 });
const chunk = Buffer.alloc(300, 'z');
let i = 0;
let drains = 0;
ws.on('drain', () => {
  drains++;
  console.log(`drain #${drains} at chunk ${i}, writableLength = ${ws.writableLength}`);
  writeSome();
});
function writeSome() {
  const written = [];
  while (i < 40) {
    i++;
    const ok = ws.write(chunk);
    written.push(ok ? 't' : 'F');
    if (!ok) {
      console.log(`  wrote ${written.join('')} -> needDrain=${ws.writableNeedDrain} writableLength=${ws.writableLength}`);
      return;
    }
  }
  console.log(`  wrote ${written.join('')} (all 40 queued)`);
  ws.end(() => console.log('end cb: bytesWritten =', ws.bytesWritten, 'drains =', drains, 'size =', fs.statSync(file).size));
}
writeSome();
