// WebCrypto from ESM with top-level await: importKey(raw HMAC), sign and verify, deriveBits with
// PBKDF2 and HKDF, exportKey('jwk'); each await resolves from the threadpool; a tampered
// signature verifies false; a wrong key usage rejects with InvalidAccessError.
import { webcrypto } from 'node:crypto';

const { subtle } = webcrypto;
const enc = new TextEncoder();
const hex = (ab) => Buffer.from(ab).toString('hex');

const key = await subtle.importKey('raw', enc.encode('key material'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
console.log('key:', key.type, key.algorithm.name, key.algorithm.hash.name, key.extractable, key.usages);
const sig = await subtle.sign('HMAC', key, enc.encode('message'));
console.log('hmac:', hex(sig));
console.log('verify:', await subtle.verify('HMAC', key, sig, enc.encode('message')));
const bad = new Uint8Array(sig);
bad[0] ^= 1;
console.log('verify tampered:', await subtle.verify('HMAC', key, bad, enc.encode('message')));
const jwk = await subtle.exportKey('jwk', key);
console.log('jwk:', jwk.kty, jwk.alg, jwk.k);
const base = await subtle.importKey('raw', enc.encode('password'), 'PBKDF2', false, ['deriveBits']);
const bits = await subtle.deriveBits({ name: 'PBKDF2', salt: enc.encode('salt'), iterations: 1000, hash: 'SHA-256' }, base, 256);
console.log('pbkdf2 bits:', hex(bits));
const ikm = await subtle.importKey('raw', enc.encode('ikm'), 'HKDF', false, ['deriveBits']);
const hk = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: enc.encode('salt'), info: enc.encode('info') }, ikm, 128);
console.log('hkdf bits:', hex(hk));
const verifyOnly = await subtle.importKey('raw', enc.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
try {
  await subtle.sign('HMAC', verifyOnly, enc.encode('m'));
} catch (e) {
  console.log('sign with verify-only key:', e.name, e.message);
}
