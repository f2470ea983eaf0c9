/* eslint-disable prefer-rest-params -- Node's functions count and forward their `arguments` (part of their validation) */
/**
 * `crypto` in the sandbox: the host's module with every function Node hands to libuv's
 * threadpool (a crypto *job* run asynchronously) replaced by a threadpool request whose real
 * work is the synchronous counterpart (`pbkdf2` → `pbkdf2Sync`), delivered after the latency
 * model's cost (src/core/io/model.ts). Everything synchronous (hashes, ciphers, KeyObject, the
 * `…Sync` functions, `randomUUID`) is the host's.
 *
 * Argument errors: Node validates the arguments before it validates the callback, and throws
 * both at the call. When the callback is not a function, the host's own asynchronous function
 * is called with the same arguments: it throws the very error Node throws (an argument's or the
 * callback's) before it would start anything. Otherwise the synchronous counterpart, run as the
 * request's work, throws the argument errors, rethrown at the call (`thrownAtCall`); the errors
 * of the job itself (OpenSSL's: "key size too small") reach the callback, as in Node.
 *
 * `webcrypto` / `subtle` are crypto-webcrypto.ts; the sandbox's global `crypto` is that object.
 */
import type { PoolRequest } from '../io/io-system';
import { formatSize, type IoModel } from '../io/model';
import { asyncError, nodeErrorCodes, syncCall } from './errors';
import { host, real } from './host';
import { streamClasses } from './crypto-streams';
import { makeWebcrypto, sandboxArrayBuffer, type SandboxWebcrypto } from './crypto-webcrypto';

type Callback = (...args: any[]) => void;

const hostCrypto = () => real('crypto');
const PROMISIFY_CUSTOM = Symbol.for('nodejs.util.promisify.custom');

/** 100000 → "100,000" (labels; no locale). */
function thousands(n: unknown): string {
  return typeof n === 'number' ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n);
}

/** A size for a label, whatever the argument is (it is validated later). */
function sizeText(n: unknown): string {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? formatSize(n) : String(n);
}

function byteLengthOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (data && typeof (data as ArrayBuffer).byteLength === 'number') return (data as ArrayBuffer).byteLength;
  return 0;
}

/** Node's error for these arguments, thrown by the host's own asynchronous function (which starts nothing when it throws). */
function throwAsNode(fn: Callback, args: ArrayLike<unknown>): never {
  syncCall(() => fn(...Array.from(args)));
  // Unreachable: the callback was not a function, so the host threw. Keep Node's message anyway.
  throw new TypeError('The "callback" argument must be of type function');
}

/**
 * Which errors of the synchronous counterpart Node throws at the asynchronous call: its own
 * `ERR_*` errors (validation, an unknown DH group, a missing key: all raised before the job
 * starts) and OpenSSL's errors in decoding a key (also before the job). Other OpenSSL errors
 * come from the job itself ("data too large for key size") and reach the callback, as do the
 * job's errors without a code ("key size too small").
 */
function thrownAtCall(e: unknown): boolean {
  const err = e as { code?: unknown; library?: unknown } | null;
  const code = err?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_')) return false;
  if (!code.startsWith('ERR_OSSL_')) return true;
  return /DECODER|PEM|asn1/i.test(String(err?.library));
}

/**
 * An OpenSSL error of a job as Node delivers it asynchronously: a job's error carries only
 * `opensslErrorStack`; `code`, `library` and `reason` are what a synchronous throw adds.
 */
function jobError(e: unknown): unknown {
  const err = e as Record<string, unknown> | null;
  if (err && typeof err === 'object' && typeof err.code === 'string' && err.code.startsWith('ERR_OSSL_')) {
    delete err.code;
    delete err.library;
    delete err.reason;
  }
  return asyncError(e);
}

/**
 * Empties OpenSSL's error queue of this (the host's main) thread. Node runs a job on a pool
 * thread, whose queue the main thread's failed calls do not fill (a stale entry would become
 * the job's error message: "memory limit exceeded" for an RSA key too small); and what a job
 * leaves there must not reach the program's later calls. A 1-byte randomFillSync clears it on
 * return (Node's own sync calls do not all clear it: a program's failed sync call can leave an
 * entry that Node then shows in a later error message, which stays so here).
 */
const scratch = Buffer.alloc(1);
function clearOpenSSLErrors(): void {
  hostCrypto().randomFillSync(scratch);
}

/** Submits a crypto job: real work now (errors Node throws at the call thrown here, in the sandbox's realm), the callback in the poll phase. */
function job<T>(label: string, work: () => T, cost: (m: IoModel, r: T | undefined) => number, callback: (err: unknown, result: T | undefined) => void, clearBefore = true): void {
  const io = host.io();
  const run = (): T => {
    if (clearBefore) clearOpenSSLErrors();
    try {
      return work();
    } catch (e) {
      if (!thrownAtCall(e)) clearOpenSSLErrors();
      throw e;
    }
  };
  const request: PoolRequest<T> = { label, cpu: true, work: run, cost: (r) => cost(io.model, r), throwsAtCall: thrownAtCall };
  syncCall(() => io.pool<T>(request, (error, result) => callback(error === undefined ? null : jobError(error), result)));
}

// ------------------------------------------------------------------ pbkdf2, scrypt, hkdf

export function pbkdf2(password: unknown, salt: unknown, iterations: unknown, keylen: unknown, digest: unknown, callback?: unknown): void {
  const args = Array.from(arguments);
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  if (typeof callback !== 'function') throwAsNode(hostCrypto().pbkdf2, args);
  const cb = callback as Callback;
  job(
    `pbkdf2 · ${thousands(iterations)} iterations`,
    () => hostCrypto().pbkdf2Sync(password, salt, iterations, keylen, digest) as Buffer,
    (m) => m.pbkdf2(iterations as number, keylen as number, digest as string),
    (err, key) => (err ? cb(err) : cb(null, key)),
  );
}

const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1 };

/**
 * Node 24's getScryptParams (internal/crypto/scrypt) refuses an option given under both its
 * names before anything else (Node 20 and 22: OpenSSL's ERR_CRYPTO_SCRYPT_INVALID_PARAMETER).
 */
function checkScryptAliases(opts: Record<string, unknown>): void {
  const codes = nodeErrorCodes();
  for (const [name, alias] of [['N', 'cost'], ['r', 'blockSize'], ['p', 'parallelization']]) {
    if (opts[name] !== undefined && opts[alias] !== undefined) throw new codes.ERR_INCOMPATIBLE_OPTION_PAIR(name, alias);
  }
}

/** scryptSync: the host's, after Node 24's alias check when the line has it. */
function scryptSyncOfLine(): unknown {
  if (host.nodeMajor < 24) return hostCrypto().scryptSync;
  return function scryptSync(password: unknown, salt: unknown, keylen: unknown, options?: unknown): Buffer {
    if (options !== null && typeof options === 'object') checkScryptAliases(options as Record<string, unknown>);
    return (options === undefined ? hostCrypto().scryptSync(password, salt, keylen) : hostCrypto().scryptSync(password, salt, keylen, options)) as Buffer;
  };
}

export function scrypt(password: unknown, salt: unknown, keylen: unknown, options?: unknown, callback?: unknown): void {
  const args = Array.from(arguments);
  // Node: `callback = defaults` as the parameter's default, so a missing callback shifts.
  let opts = options as Record<string, unknown> | undefined;
  if (callback === undefined) {
    callback = options;
    opts = undefined;
  }
  if (typeof callback !== 'function') throwAsNode(hostCrypto().scrypt, args);
  const cb = callback as Callback;
  if (host.nodeMajor >= 24 && opts !== null && typeof opts === 'object') checkScryptAliases(opts);
  const pick = (a: string, b: string, dflt: number): number => {
    const v = opts?.[a] ?? opts?.[b];
    return typeof v === 'number' && v !== 0 ? v : dflt;
  };
  const N = opts ? pick('N', 'cost', SCRYPT_DEFAULTS.N) : SCRYPT_DEFAULTS.N;
  const r = opts ? pick('r', 'blockSize', SCRYPT_DEFAULTS.r) : SCRYPT_DEFAULTS.r;
  const p = opts ? pick('p', 'parallelization', SCRYPT_DEFAULTS.p) : SCRYPT_DEFAULTS.p;
  job(
    `scrypt N=${N}`,
    () => (opts === undefined ? hostCrypto().scryptSync(password, salt, keylen) : hostCrypto().scryptSync(password, salt, keylen, opts)) as Buffer,
    (m) => m.scrypt(N, r, p),
    (err, key) => (err ? cb(err) : cb(null, key)),
    // Its parameters are checked by OpenSSL on the calling thread, whose stale errors Node's
    // message shows ("Invalid scrypt params: error:…"): the queue is left as it is before.
    false,
  );
}

export function hkdf(digest: unknown, key: unknown, salt: unknown, info: unknown, keylen: unknown, callback: unknown): void {
  if (typeof callback !== 'function') throwAsNode(hostCrypto().hkdf, arguments);
  const cb = callback as Callback;
  job(
    `hkdf ${String(digest)} ${sizeText(keylen)}`,
    () => hostCrypto().hkdfSync(digest, key, salt, info, keylen) as ArrayBuffer,
    (m, bits) => m.bytes('crypto.digest', bits?.byteLength ?? 0),
    (err, bits) => (err ? cb(err) : cb(null, sandboxArrayBuffer(bits))),
  );
}

// ------------------------------------------------------------------ random

export function randomBytes(size: unknown, callback?: unknown): Buffer | undefined {
  if (callback === undefined) return syncCall(() => hostCrypto().randomBytes(size) as Buffer);
  if (typeof callback !== 'function') throwAsNode(hostCrypto().randomBytes, arguments);
  const cb = callback as Callback;
  job(
    `randomBytes ${sizeText(size)}`,
    () => hostCrypto().randomBytes(size) as Buffer,
    (m) => m.bytes('crypto.random', size as number),
    (err, buf) => (err ? cb(err) : cb(null, buf)),
  );
  return undefined;
}

function isBufferSource(buf: unknown): buf is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(buf) || real('util').types.isAnyArrayBuffer(buf);
}

export function randomFill(buf: unknown, offset?: unknown, size?: unknown, callback?: unknown): void {
  const args = Array.from(arguments);
  // Node's argument shapes (lib/internal/crypto/random.js): a length `size` in elements.
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = (buf as { length?: number } | null)?.length;
  } else if (typeof size === 'function') {
    callback = size;
    size = ((buf as { length?: number } | null)?.length as number) - (offset as number);
  }
  if (!isBufferSource(buf) || typeof callback !== 'function') throwAsNode(hostCrypto().randomFill, args);
  const cb = callback as Callback;
  const element = (buf as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT || 1;
  const bytes = size === undefined ? (buf as ArrayBuffer).byteLength - (offset as number) * element : (size as number) * element;
  if (bytes === 0) {
    // Node calls back synchronously when there is nothing to fill (after validating).
    syncCall(() => hostCrypto().randomFillSync(buf, offset, size));
    cb(null, buf);
    return;
  }
  job(
    `randomFill ${sizeText(bytes)}`,
    () => hostCrypto().randomFillSync(buf, offset, size),
    (m) => m.bytes('crypto.random', bytes),
    (err) => (err ? cb(err) : cb(null, buf)),
  );
}

// randomInt (a port of Node's): a cache of random bytes of the sandbox's own, refilled with one
// asynchronous randomFill on the threadpool; a call served from the cache answers on nextTick.
const RAND_MAX = 0xffff_ffff_ffff;
let randomCache: Buffer | undefined;
let randomCacheOffset = 6 * 1024;
let asyncCacheFillInProgress = false;
const asyncCachePendingTasks: { min: number; max: number; callback: Callback }[] = [];

export function randomInt(min: unknown, max?: unknown, callback?: unknown): number | undefined {
  const args = Array.from(arguments);
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync && typeof callback !== 'function') throwAsNode(hostCrypto().randomInt, args);
  const lo = min as number;
  const hi = max as number;
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi <= lo || !(hi - lo <= RAND_MAX)) {
    // The host's synchronous form validates the same way (same names, same order) and throws.
    syncCall(() => (minNotSpecified ? hostCrypto().randomInt(hi) : hostCrypto().randomInt(lo, hi)));
  }
  const range = hi - lo;
  const randLimit = RAND_MAX - (RAND_MAX % range);
  randomCache ??= Buffer.alloc(6 * 1024);
  while (isSync || randomCacheOffset < randomCache.length) {
    if (randomCacheOffset === randomCache.length) {
      hostCrypto().randomFillSync(randomCache);
      randomCacheOffset = 0;
    }
    const x = randomCache.readUIntBE(randomCacheOffset, 6);
    randomCacheOffset += 6;
    if (x < randLimit) {
      const n = (x % range) + lo;
      if (isSync) return n;
      process.nextTick(callback as Callback, undefined, n);
      return undefined;
    }
  }
  asyncCachePendingTasks.push({ min: lo, max: hi, callback: callback as Callback });
  asyncRefillRandomIntCache();
  return undefined;
}

function asyncRefillRandomIntCache(): void {
  if (asyncCacheFillInProgress) return;
  asyncCacheFillInProgress = true;
  randomFill(randomCache!, (err: unknown) => {
    asyncCacheFillInProgress = false;
    const tasks = asyncCachePendingTasks;
    const errorReceiver = err ? tasks.shift() : undefined;
    if (!err) randomCacheOffset = 0;
    for (const task of tasks.splice(0)) randomInt(task.min, task.max, task.callback);
    if (errorReceiver) errorReceiver.callback(err);
  });
}

export function generatePrime(size: unknown, options?: unknown, callback?: unknown): void {
  const args = Array.from(arguments);
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throwAsNode(hostCrypto().generatePrime, args);
  const cb = callback as Callback;
  job(
    `generatePrime ${String(size)} bits`,
    () => (options === undefined ? hostCrypto().generatePrimeSync(size) : hostCrypto().generatePrimeSync(size, options)) as unknown,
    // No kind of its own: an RSA key of 2·size bits is two primes of `size` bits.
    (m) => m.rsaKeygen(2 * (size as number)) / 2,
    // Node passes `undefined` (not null) as the error of a prime job.
    (err, prime) => (err ? cb(err) : cb(undefined, sandboxArrayBuffer(prime))),
  );
}

export function checkPrime(candidate: unknown, options?: unknown, callback?: unknown): void {
  const args = Array.from(arguments);
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throwAsNode(hostCrypto().checkPrime, args);
  const cb = callback as Callback;
  job(
    'checkPrime',
    () => (options === undefined ? hostCrypto().checkPrimeSync(candidate) : hostCrypto().checkPrimeSync(candidate, options)) as boolean,
    (m) => m.units('crypto.keygen', 0),
    (err, result) => (err ? cb(err) : cb(undefined, result)),
  );
}

// ------------------------------------------------------------------ keys

function keyPairLabel(type: unknown, options: any): string {
  const detail = options?.modulusLength ?? options?.namedCurve ?? options?.group ?? options?.primeLength ?? '';
  return `generateKeyPair ${String(type)}${detail === '' ? '' : ` ${String(detail)}`}`;
}

export function generateKeyPair(type: unknown, options?: unknown, callback?: unknown): void {
  const args = Array.from(arguments);
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throwAsNode(hostCrypto().generateKeyPair, args);
  const cb = callback as Callback;
  const opts = options as { modulusLength?: number } | undefined;
  job(
    keyPairLabel(type, opts),
    () => hostCrypto().generateKeyPairSync(type, options) as { publicKey: unknown; privateKey: unknown },
    (m) => ((type === 'rsa' || type === 'rsa-pss') && typeof opts?.modulusLength === 'number' ? m.rsaKeygen(opts.modulusLength) : m.units('crypto.keygen', 0)),
    (err, pair) => (err ? cb(err) : cb(null, pair!.publicKey, pair!.privateKey)),
  );
}
// Node's promisify resolves { publicKey, privateKey } (customPromisifyArgs, internal to Node):
// the sandbox's promisify honours util.promisify.custom instead.
Object.defineProperty(generateKeyPair, PROMISIFY_CUSTOM, {
  value: (...args: unknown[]) =>
    new Promise((resolve, reject) => {
      generateKeyPair(...(args as [unknown]), ((err: unknown, publicKey: unknown, privateKey: unknown) => (err ? reject(err) : resolve({ publicKey, privateKey }))) as never);
    }),
  enumerable: false,
  configurable: true,
});

export function generateKey(type: unknown, options?: unknown, callback?: unknown): void {
  const args = Array.from(arguments);
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throwAsNode(hostCrypto().generateKey, args);
  const cb = callback as Callback;
  job(
    `generateKey ${String(type)} ${String((options as { length?: unknown } | undefined)?.length)}`,
    () => hostCrypto().generateKeySync(type, options) as unknown,
    (m) => m.units('crypto.keygen', 0),
    (err, key) => (err ? cb(err) : cb(null, key)),
  );
}

// ------------------------------------------------------------------ one-shot sign / verify

export function sign(algorithm: unknown, data: unknown, key: unknown, callback?: unknown): Buffer | undefined {
  if (callback === undefined) return syncCall(() => hostCrypto().sign(algorithm, data, key) as Buffer);
  if (typeof callback !== 'function') throwAsNode(hostCrypto().sign, arguments);
  const cb = callback as Callback;
  job(
    `sign ${algorithm ?? ''} ${sizeText(byteLengthOf(data))}`,
    () => hostCrypto().sign(algorithm, data, key) as Buffer,
    (m) => m.bytes('crypto.digest', byteLengthOf(data)),
    (err, signature) => (err ? cb(err) : cb(null, signature)),
  );
  return undefined;
}

export function verify(algorithm: unknown, data: unknown, key: unknown, signature: unknown, callback?: unknown): boolean | undefined {
  if (callback === undefined) return syncCall(() => hostCrypto().verify(algorithm, data, key, signature) as boolean);
  if (typeof callback !== 'function') throwAsNode(hostCrypto().verify, arguments);
  const cb = callback as Callback;
  job(
    `verify ${algorithm ?? ''} ${sizeText(byteLengthOf(data))}`,
    () => hostCrypto().verify(algorithm, data, key, signature) as boolean,
    (m) => m.bytes('crypto.digest', byteLengthOf(data)),
    (err, result) => (err ? cb(err) : cb(null, result)),
  );
  return undefined;
}

// ------------------------------------------------------------------ the module

let webcrypto: SandboxWebcrypto | undefined;

/** The sandbox's webcrypto (`crypto.webcrypto`, the global `crypto`). */
export function sandboxWebcrypto(): SandboxWebcrypto {
  return (webcrypto ??= makeWebcrypto());
}

export function makeCrypto(): Record<string, unknown> {
  // The host's functions re-home the arrays and plain objects they return (getHashes(), generateKeyPairSync()'s pair).
  const descriptors = Object.getOwnPropertyDescriptors(host.realmModule(hostCrypto()));
  // As Node's (non-configurable getters), giving the sandbox's webcrypto.
  descriptors.webcrypto = { get: () => sandboxWebcrypto(), set: undefined, enumerable: true, configurable: false };
  descriptors.subtle = { get: () => sandboxWebcrypto().subtle, set: undefined, enumerable: true, configurable: false };
  const crypto = Object.defineProperties({}, descriptors) as Record<string, unknown>;
  Object.assign(crypto, { pbkdf2, scrypt, scryptSync: scryptSyncOfLine(), hkdf, randomBytes, randomFill, randomInt, generatePrime, checkPrime, generateKeyPair, generateKey, sign, verify });
  // Hash, Hmac, Cipheriv, Decipheriv, Sign, Verify: streams of the sandbox (crypto-streams.ts).
  Object.assign(crypto, streamClasses);
  // Node's aliases of randomBytes (deprecated only under --pending-deprecation).
  for (const key of ['prng', 'pseudoRandomBytes', 'rng']) {
    Object.defineProperty(crypto, key, { value: randomBytes, enumerable: false, configurable: true, writable: true });
  }
  return crypto;
}
