// WebCrypto crypto.subtle.digest (a promise settled from the threadpool): SHA-1/256/384/512 hex of
// fixed inputs in Promise.all order, equal to createHash; the resolved value is an ArrayBuffer;
// an unknown algorithm rejects (name, message); a 300 ms timer comes after.
const crypto = require('node:crypto');
const { subtle } = globalThis.crypto;
const hex = (ab) => Buffer.from(ab).toString('hex');

setTimeout(() => console.log('timeout 300'), 300);
(async () => {
  const data = new TextEncoder().encode('hello world');
  const algs = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
  const results = await Promise.all(algs.map((a) => subtle.digest(a, data)));
  results.forEach((r, i) => console.log(algs[i], r instanceof ArrayBuffer, hex(r).slice(0, 32), hex(r) === crypto.createHash(algs[i].replace('-', '').toLowerCase()).update('hello world').digest('hex')));
  console.log('object form:', hex(await subtle.digest({ name: 'SHA-256' }, Buffer.from(''))));
  try {
    await subtle.digest('SHA-999', data);
  } catch (e) {
    console.log('unknown algorithm:', e.name, e.message);
  }
  try {
    await subtle.digest('SHA-256', 'not a buffer');
  } catch (e) {
    console.log('bad data:', e.name, e.code);
  }
})();
