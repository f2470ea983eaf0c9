// Measures, with this machine's real Node, what the I/O latency model's defaults stand for
// (src/core/io/model.ts, docs/io-model.md): each figure is the median of several runs of the
// real asynchronous operation, timed from the call to its callback on an otherwise idle loop.
// Usage: node bench/io-model.mjs   (prints a table; nothing is written)
import cp from 'node:child_process';
import crypto from 'node:crypto';
import dns from 'node:dns';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(name, runs, op, unit = 1, unitName = 'op') {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await new Promise((resolve, reject) => op((e) => (e && e.code !== 'ENOENT' ? reject(e) : resolve())));
    xs.push(performance.now() - t0);
  }
  const m = median(xs);
  console.log(`${name.padEnd(40)} ${m.toFixed(3).padStart(9)} ms   ${(m / unit).toPrecision(3).padStart(9)} ms/${unitName}`);
  return m;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-model-'));
const small = path.join(dir, 'small.txt');
const big = path.join(dir, 'big.bin');
fs.writeFileSync(small, 'x'.repeat(1024));
fs.writeFileSync(big, crypto.randomBytes(8 << 20));
const mb = Buffer.alloc(1 << 20, 7);
console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
await time('fs.stat', 50, (cb) => fs.stat(small, cb));
await time('fs.open+close', 50, (cb) => fs.open(small, 'r', (e, fd) => (e ? cb(e) : fs.close(fd, cb))));
await time('fs.readFile 1 KiB', 50, (cb) => fs.readFile(small, cb));
await time('fs.readFile 8 MiB', 10, (cb) => fs.readFile(big, cb), 8, 'MiB');
await time('fs.writeFile 1 KiB', 30, (cb) => fs.writeFile(path.join(dir, 'w.txt'), 'y'.repeat(1024), cb));
await time('fs.writeFile 8 MiB', 5, (cb) => fs.writeFile(path.join(dir, 'w.bin'), Buffer.alloc(8 << 20), cb), 8, 'MiB');
await time('fs.readdir', 30, (cb) => fs.readdir(dir, cb));
await time('fs.stat missing (ENOENT)', 30, (cb) => fs.stat(path.join(dir, 'nope'), cb));
for (const digest of ['sha1', 'sha256', 'sha512']) {
  await time(`pbkdf2 ${digest} 100k iterations`, 3, (cb) => crypto.pbkdf2('pw', 'salt', 100_000, 64, digest, cb), 100_000, 'iteration');
}
await time('scrypt N=16384 r=8 p=1', 5, (cb) => crypto.scrypt('pw', 'salt', 64, cb));
await time('randomBytes 1 MiB', 10, (cb) => crypto.randomBytes(1 << 20, cb), 1, 'MiB');
await time('generateKeyPair rsa 2048', 5, (cb) => crypto.generateKeyPair('rsa', { modulusLength: 2048 }, cb));
await time('generateKeyPair ed25519', 10, (cb) => crypto.generateKeyPair('ed25519', {}, cb));
await time('gzip 1 MiB (level 6)', 10, (cb) => zlib.gzip(mb, cb), 1, 'MiB');
const gz = zlib.gzipSync(mb);
await time('gunzip 1 MiB', 10, (cb) => zlib.gunzip(gz, cb), 1, 'MiB');
await time('brotli compress 1 MiB', 3, (cb) => zlib.brotliCompress(mb, cb), 1, 'MiB');
await time('dns.lookup localhost', 20, (cb) => dns.lookup('localhost', cb));
await time('spawn true (to exit)', 10, (cb) => cp.spawn('true').on('exit', () => cb()));
await time('exec echo (to callback)', 10, (cb) => cp.exec('echo hi', cb));
fs.rmSync(dir, { recursive: true, force: true });
