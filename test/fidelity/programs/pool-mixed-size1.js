// UV_THREADPOOL_SIZE=1: different kinds of threadpool work complete in submission order
// (crypto.pbkdf2, crypto.randomBytes, crypto.scrypt, dns.lookup of 'localhost', pbkdf2 again),
// except multi-step operations: zlib.gzip's first write runs first but its final (Z_FINISH)
// write is queued only when that completes, behind everything submitted synchronously;
// fs.readFile's fstat/read/close queue behind that in turn. Each pbkdf2 takes ~50 ms, leaving
// the main thread time to queue follow-up steps.
process.env.UV_THREADPOOL_SIZE = '1';
const crypto = require('node:crypto');
const dns = require('node:dns');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'data.txt');
fs.writeFileSync(file, 'some file content');
const zlib = require('node:zlib');

const log = (s) => console.log(s);
zlib.gzip(Buffer.alloc(100000, 'x'), (err, gz) => log('gzip ' + (gz.length > 0)));
crypto.pbkdf2('a', 'b', 50000, 8, 'sha512', () => log('pbkdf2'));
fs.readFile(file, (err, buf) => log('readFile ' + (buf.length > 0)));
crypto.randomBytes(16, (err, b) => log('randomBytes ' + b.length));
crypto.scrypt('a', 'b', 8, { N: 1024 }, () => log('scrypt'));
dns.lookup('localhost', { family: 4 }, (err, a) => log('lookup ' + a));
crypto.pbkdf2('a', 'b', 50000, 8, 'sha512', () => log('pbkdf2 #2'));
log('sync end');
