// Promisified zlib in ESM with top-level await: Promise.all of gzip/deflate/brotli compressions
// keeps input order; decompressing them back; string input and encoding; the sync forms agree
// with the async ones (same bytes for gzip/deflate/brotli at fixed options).
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
const deflate = promisify(zlib.deflate);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliCompress);
const unbrotli = promisify(zlib.brotliDecompress);

const text = 'lorem ipsum dolor sit amet '.repeat(200);
const [g, d, b] = await Promise.all([gzip(text), deflate(text), brotli(text)]);
console.log('compressed in order:', g[0] === 0x1f && g[1] === 0x8b, d[0] === 0x78, b.length > 0);
const [g2, d2, b2] = await Promise.all([gunzip(g), inflate(d), unbrotli(b)]);
console.log('round trips:', g2.toString() === text, d2.toString() === text, b2.toString() === text);
console.log('sync == async: gzip', zlib.gzipSync(text).equals(g), 'deflate', zlib.deflateSync(text).equals(d), 'brotli', zlib.brotliCompressSync(text).equals(b));
const small = await gzip('hi', { level: 1 });
console.log('gunzip to string:', (await gunzip(small)).toString('utf8'));
try {
  await gunzip(Buffer.from('definitely not gzip'));
} catch (e) {
  console.log('rejects:', e.code, e.errno, e.message);
}
