// A Deflate stream with chunkSize 1024 fed 20 KB of incompressible (seeded pseudo-random) data in
// 4 writes of 5000 bytes (the 4th write() returns false: the readable side is full): 'data' chunk
// sizes, write callbacks in order, the end() callback and 'finish' before 'end', then 'close';
// bytesWritten; the output inflates back to the input.
const zlib = require('node:zlib');

let seed = 12345;
const data = Buffer.alloc(20000);
for (let i = 0; i < data.length; i++) {
  seed = (seed * 1103515245 + 12345) >>> 0;
  data[i] = seed >>> 24;
}
const d = zlib.createDeflate({ chunkSize: 1024, level: 6 });
const chunks = [];
d.on('data', (c) => chunks.push(c));
d.on('finish', () => console.log('finish; bytesWritten =', d.bytesWritten));
d.on('end', () => {
  console.log('end; chunk sizes:', chunks.map((c) => c.length).join(' '));
  console.log('inflates back:', zlib.inflateSync(Buffer.concat(chunks)).equals(data));
});
d.on('close', () => console.log('close'));
for (let i = 0; i < 4; i++) {
  const ok = d.write(data.subarray(i * 5000, (i + 1) * 5000), () => console.log(`write ${i} callback`));
  console.log(`write ${i} returned ${ok}`);
}
d.end(() => console.log('end() callback'));
console.log('sync end');
