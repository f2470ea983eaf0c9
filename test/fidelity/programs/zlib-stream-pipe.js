// zlib streams: fs.createReadStream -> createGzip -> fs.createWriteStream with .pipe(), the
// write stream's 'finish' then 'close'; then stream/promises pipeline back through createGunzip;
// a Gzip stream used directly (write/end, 'data' collected, 'end'); flush() with a callback.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { pipeline } = require('node:stream/promises');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const src = path.join(dir, 'src.txt');
const gz = path.join(dir, 'src.txt.gz');
const back = path.join(dir, 'back.txt');
const content = Array.from({ length: 20000 }, (_, i) => `line ${i}`).join('\n');
fs.writeFileSync(src, content);

const out = fs.createWriteStream(gz);
const gzip = zlib.createGzip();
let gzipEnded = false;
gzip.on('end', () => (gzipEnded = true));
out.on('finish', () => console.log('gz file finish, gzip ended before:', gzipEnded));
out.on('close', async () => {
  console.log('gz file close; compressed smaller:', fs.statSync(gz).size < content.length);
  await pipeline(fs.createReadStream(gz), zlib.createGunzip(), fs.createWriteStream(back));
  console.log('pipeline back done; equal:', fs.readFileSync(back, 'utf8') === content);

  const d = zlib.createDeflate();
  const chunks = [];
  d.on('data', (c) => chunks.push(c));
  d.on('end', () => {
    console.log('deflate stream end; inflates to:', JSON.stringify(zlib.inflateSync(Buffer.concat(chunks)).toString()));
  });
  d.write('part one, ');
  d.flush(() => {
    console.log('flush callback; bytes so far > 0:', chunks.reduce((n, c) => n + c.length, 0) > 0);
    d.end('part two');
  });
});
fs.createReadStream(src).pipe(gzip).pipe(out);
