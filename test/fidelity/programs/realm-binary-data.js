// Binary data made by Node's built-ins is of the program's realm: Buffers, TextEncoder results,
// fs reads (sync, callback, promises, streams), crypto and zlib outputs, stream chunks, Blob and
// web-crypto ArrayBuffers answer `instanceof Uint8Array` / `ArrayBuffer` and share the program's
// typed-array prototypes (esbuild's start-up check is `new TextEncoder().encode("") instanceof
// Uint8Array`). Each step waits for the one before, so the order is fixed.
const fs = require('node:fs');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const { Readable } = require('node:stream');

const kinds = (v) => [
  v instanceof Uint8Array,
  v instanceof Object.getPrototypeOf(Uint8Array),
  v.buffer instanceof ArrayBuffer,
  Buffer.isBuffer(v),
  ArrayBuffer.isView(v),
  Object.prototype.toString.call(v),
].join(' ');

console.log('Buffer.from', kinds(Buffer.from('x')));
console.log('Buffer.alloc', kinds(Buffer.alloc(2)), Buffer.alloc(2).buffer instanceof ArrayBuffer);
console.log('Buffer.concat', kinds(Buffer.concat([Buffer.from('a'), new Uint8Array([98])])));
console.log('Buffer proto', Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype, Buffer.prototype instanceof Uint8Array);
console.log('subarray', kinds(Buffer.from('abc').subarray(1)));
console.log('TextEncoder', kinds(new TextEncoder().encode('')), new TextEncoder().encode('hé'));
console.log('TextDecoder', new TextDecoder().decode(new Uint8Array([104, 105])), new TextDecoder().decode(Buffer.from('ok')));
console.log('own typed arrays', new Uint8Array(2).map((x) => x + 1) instanceof Uint8Array, new Float64Array(1).buffer instanceof ArrayBuffer, new DataView(new ArrayBuffer(1)) instanceof DataView);
console.log('SharedArrayBuffer', new Int32Array(new SharedArrayBuffer(4)).buffer instanceof SharedArrayBuffer);
console.log('readFileSync', kinds(fs.readFileSync(__filename)));
console.log('randomBytes', kinds(crypto.randomBytes(4)));
console.log('digest', kinds(crypto.createHash('sha256').update('x').digest()));
console.log('gzipSync', kinds(zlib.gzipSync('hello')), zlib.gunzipSync(zlib.gzipSync('hello')) instanceof Uint8Array);
const cloned = structuredClone({ b: Buffer.from('x'), a: new ArrayBuffer(2) });
console.log('structuredClone', cloned.b instanceof Uint8Array, cloned.a instanceof ArrayBuffer, cloned instanceof Object);

const steps = [
  (next) => fs.readFile(__filename, (err, b) => { console.log('readFile cb', kinds(b)); next(); }),
  (next) => fs.promises.readFile(__filename).then((b) => { console.log('readFile promise', kinds(b)); next(); }),
  (next) => fs.createReadStream(__filename, { end: 9 }).once('data', (c) => { console.log('ReadStream chunk', kinds(c)); next(); }),
  (next) => crypto.randomBytes(4, (err, b) => { console.log('randomBytes cb', kinds(b)); next(); }),
  (next) => crypto.pbkdf2('pw', 'salt', 1, 8, 'sha256', (err, k) => { console.log('pbkdf2 cb', kinds(k)); next(); }),
  (next) => zlib.deflate('hello', (err, b) => { console.log('deflate cb', kinds(b)); next(); }),
  (next) => zlib.createGzip().once('data', (c) => { console.log('Gzip chunk', kinds(c)); next(); }).end('hello'),
  (next) => Readable.from([Buffer.from('a')]).once('data', (c) => { console.log('Readable.from chunk', kinds(c)); next(); }),
  (next) => new Blob(['ab']).arrayBuffer().then((ab) => { console.log('Blob.arrayBuffer', ab instanceof ArrayBuffer, ab.byteLength); next(); }),
  (next) => crypto.subtle.digest('SHA-256', new TextEncoder().encode('x')).then((ab) => { console.log('subtle.digest', ab instanceof ArrayBuffer, ab.byteLength); next(); }),
];
const run = (i) => { if (i < steps.length) steps[i](() => run(i + 1)); };
run(0);
