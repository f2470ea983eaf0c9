/**
 * `crypto.webcrypto`, `crypto.subtle` and the sandbox's global `crypto`: Node's Web Crypto with
 * promises of the sandbox. The host's SubtleCrypto settles native (V8) promises, which would
 * escape the simulation, so:
 * - `digest` is a threadpool request (Node runs a HashJob there) whose real work is
 *   `createHash().update().digest()`, resolved with an ArrayBuffer of the sandbox's realm, with
 *   Node's layers of async functions (digest → asyncDigest → jobPromise), so the ticks match;
 * - every other method calls the host's and delivers its answer through the threadpool as real
 *   asynchronous work (the loop holds at the request's modelled end until the real answer is in;
 *   io-system.ts). Node runs most of them as jobs on the pool too (keys, ciphers, signatures,
 *   derivations); `importKey` and `exportKey` of raw/jwk keys are not jobs in Node (they settle
 *   within microtasks): here they take a pool request of the model's smallest cost (documented
 *   deviation: they settle in a poll phase, not in the same macrotask).
 * Rejections keep the host's DOMException (the sandbox's DOMException is the host's class);
 * other errors are re-made in the sandbox's realm.
 *
 * `getRandomValues` and `randomUUID` are the host's, synchronous. The objects are made on the
 * host's prototypes (`crypto instanceof Crypto`, `SubtleCrypto {}` when printed), their methods
 * own, non-enumerable properties.
 */
import { formatSize, type IoModel } from '../io/model';
import { sandboxError } from './errors';
import { host, real } from './host';
import { submit } from './libuv';

export interface SandboxWebcrypto {
  readonly subtle: Record<string, unknown>;
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
  randomUUID(): string;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** An ArrayBuffer of the host's realm (a job's result) as one of the sandbox's (`instanceof ArrayBuffer` in the program). */
export function sandboxArrayBuffer<T>(value: T): T {
  if (value instanceof ArrayBuffer || !real('util').types.isArrayBuffer(value)) return value;
  const host = value as unknown as ArrayBuffer;
  const out = new ArrayBuffer(host.byteLength);
  new Uint8Array(out).set(new Uint8Array(host));
  return out as unknown as T;
}

/**
 * An argument for the host's SubtleCrypto: its WebIDL checks want ArrayBuffers of the host's
 * realm (`ArrayBuffer.prototype` of the host), so one of the sandbox's (say, a signature a
 * method resolved with) becomes a host view of the same bytes; so do those in an algorithm
 * dictionary (salt, info, iv, …) made by the program.
 */
function hostArgument(v: unknown, nested = false): unknown {
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (!nested && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    for (const key of Object.keys(v)) o[key] = hostArgument((v as Record<string, unknown>)[key], true);
    return o;
  }
  return v;
}

/** An error of the host's Web Crypto as the program sees it. */
function webError(e: unknown): unknown {
  if (typeof DOMException === 'function' && e instanceof DOMException) return e;
  return sandboxError(e);
}

/** Runs a synchronous host call, rethrowing its error as `webError` does. */
function webSync<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw webError(e);
  }
}

/**
 * A host method's native promise, adopted as real asynchronous work on the threadpool: a sandbox
 * promise settled in the poll phase at the request's modelled end (the loop waits there for the
 * real answer if it is not in yet).
 */
function adopt<T>(label: string, cost: (m: IoModel) => number, start: () => PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const io = host.io();
    io.pool<Outcome<T>>(
      {
        label,
        cpu: true,
        start: (finish) => {
          let p: PromiseLike<T>;
          try {
            p = start();
          } catch (error) {
            finish(undefined, { ok: false, error });
            return;
          }
          p.then(
            (value) => finish(undefined, { ok: true, value: sandboxArrayBuffer(value) }),
            (error) => finish(undefined, { ok: false, error }),
          );
        },
        cost: () => cost(io.model),
      },
      (_e, outcome) => (outcome!.ok ? resolve(outcome!.value) : reject(webError(outcome!.error))),
    );
  });
}

const DIGESTS: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function algorithmName(algorithm: unknown): string | undefined {
  if (typeof algorithm === 'string') return algorithm;
  if (algorithm && typeof algorithm === 'object' && typeof (algorithm as { name?: unknown }).name === 'string') return (algorithm as { name: string }).name;
  return undefined;
}

/** 'sha-256' / { name: 'SHA-256' } → 'SHA-256' (Node matches names case-insensitively); undefined otherwise. */
function digestName(algorithm: unknown): string | undefined {
  const name = algorithmName(algorithm)?.toUpperCase();
  return name !== undefined && name in DIGESTS ? name : undefined;
}

/** The bytes of a BufferSource (not shared memory), or undefined (then the host's validation speaks). */
function bufferSourceBytes(data: unknown): Buffer | undefined {
  const types = real('util').types;
  if (ArrayBuffer.isView(data)) return types.isSharedArrayBuffer(data.buffer) ? undefined : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (types.isArrayBuffer(data)) return Buffer.from(data as ArrayBuffer);
  return undefined;
}

function byteLengthOf(data: unknown): number {
  return ArrayBuffer.isView(data) || real('util').types.isAnyArrayBuffer(data) ? (data as ArrayBuffer).byteLength : 0;
}

/** 'SHA-256' / { name: 'SHA-256' } → 'sha256' for the pbkdf2 cost. */
function hashOf(hash: unknown): string {
  return (algorithmName(hash) ?? 'sha256').toLowerCase().replace(/-/g, '');
}

/** The model's cost of a SubtleCrypto method (digest aside). */
function subtleCost(method: string, args: unknown[], m: IoModel): number {
  const alg = (i: number) => (args[i] && typeof args[i] === 'object' ? (args[i] as Record<string, any>) : {});
  const name = (i: number) => (algorithmName(args[i]) ?? '').toUpperCase();
  switch (method) {
    case 'generateKey':
      return name(0).startsWith('RSA') && typeof alg(0).modulusLength === 'number' ? m.rsaKeygen(alg(0).modulusLength) : m.units('crypto.keygen', 0);
    case 'deriveBits':
    case 'deriveKey': {
      if (name(0) !== 'PBKDF2') return m.units('crypto.keygen', 0);
      const bits = method === 'deriveBits' ? args[2] : alg(2).length;
      return m.pbkdf2(Number(alg(0).iterations) || 1, typeof bits === 'number' ? bits / 8 : 32, hashOf(alg(0).hash));
    }
    case 'encrypt':
    case 'decrypt':
    case 'sign':
      return m.bytes('crypto.digest', byteLengthOf(args[2]));
    case 'verify':
      return m.bytes('crypto.digest', byteLengthOf(args[3]));
    default:
      return m.units('crypto.digest', 0);
  }
}

/** What the timeline says of a SubtleCrypto call: `subtle.generateKey RSA-PSS 2048`. */
function subtleLabel(method: string, args: unknown[]): string {
  const at: Record<string, number> = { encrypt: 0, decrypt: 0, sign: 0, verify: 0, generateKey: 0, deriveKey: 0, deriveBits: 0, importKey: 2, wrapKey: 3, unwrapKey: 3 };
  const i = at[method];
  let detail = i === undefined ? '' : (algorithmName(args[i]) ?? '');
  const a = i === undefined ? undefined : (args[i] as Record<string, unknown> | undefined);
  if (a && typeof a === 'object') {
    if (typeof a.modulusLength === 'number') detail += ` ${a.modulusLength}`;
    else if (typeof a.namedCurve === 'string') detail += ` ${a.namedCurve}`;
    else if (typeof a.iterations === 'number') detail += ` · ${String(a.iterations).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} iterations`;
  }
  if (method === 'importKey' || method === 'exportKey' || method === 'wrapKey' || method === 'unwrapKey') detail = `${String(args[0])}${detail ? ' ' + detail : ''}`;
  return `subtle.${method}${detail ? ' ' + detail : ''}`;
}

const WRAPPED = ['encrypt', 'decrypt', 'sign', 'verify', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey'];

export function makeWebcrypto(): SandboxWebcrypto {
  const hostWeb = real('crypto').webcrypto;
  const hostSubtle = hostWeb.subtle;
  const subtleProto = Object.getPrototypeOf(hostSubtle);
  const cryptoProto = Object.getPrototypeOf(hostWeb);
  const subtle = Object.create(subtleProto) as Record<string, unknown>;
  const hidden = (obj: object, name: string, value: unknown) => Object.defineProperty(obj, name, { value, writable: true, enumerable: false, configurable: true });

  // digest: Node's layers — SubtleCrypto.digest (async) → asyncDigest (async) → jobPromise.
  function jobPromise(name: string, bytes: Buffer): Promise<ArrayBuffer> {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      submit<Buffer>(
        {
          label: `subtle.digest ${name} ${formatSize(bytes.length)}`,
          cpu: true,
          work: () => real('crypto').createHash(DIGESTS[name]).update(bytes).digest() as Buffer,
          cost: (m) => m.bytes('crypto.digest', bytes.length),
        },
        (err, out) => {
          if (err) {
            reject(new DOMException('The operation failed for an operation-specific reason', { name: 'OperationError', cause: err } as never));
            return;
          }
          // An ArrayBuffer of the sandbox's realm (`instanceof ArrayBuffer` holds in the program).
          const ab = new ArrayBuffer(out!.length);
          new Uint8Array(ab).set(out!);
          resolve(ab);
        },
      );
    });
  }
  async function asyncDigest(name: string, bytes: Buffer): Promise<ArrayBuffer> {
    return jobPromise(name, bytes);
  }
  async function digestOf(self: unknown, argc: number, algorithm: unknown, data: unknown): Promise<ArrayBuffer> {
    const name = self === subtle && argc >= 2 ? digestName(algorithm) : undefined;
    const bytes = name === undefined ? undefined : bufferSourceBytes(data);
    if (name === undefined || bytes === undefined) {
      // Whatever Node rejects with here (this, missing arguments, unknown algorithm, not a
      // BufferSource) the host's digest rejects with: its answer, through the pool.
      const args = [algorithm, data].slice(0, argc).map((a) => hostArgument(a));
      return adopt('subtle.digest', (m) => m.units('crypto.digest', 0), () => Reflect.apply(hostSubtle.digest, self === subtle ? hostSubtle : self, args));
    }
    return asyncDigest(name, bytes);
  }
  hidden(subtle, 'digest', function digest(this: unknown, algorithm: unknown, data: unknown): Promise<ArrayBuffer> {
    return digestOf(this, arguments.length, algorithm, data);
  });

  for (const method of WRAPPED) {
    const hostMethod = hostSubtle[method] as (...a: unknown[]) => PromiseLike<unknown>;
    const fn = {
      [method](this: unknown, ...args: unknown[]): Promise<unknown> {
        const self = this === subtle ? hostSubtle : this;
        return adopt(subtleLabel(method, args), (m) => subtleCost(method, args, m), () => Reflect.apply(hostMethod, self, args.map((a) => hostArgument(a))));
      },
    }[method];
    Object.defineProperty(fn, 'length', { value: hostMethod.length });
    hidden(subtle, method, fn);
  }

  const webcrypto = Object.create(cryptoProto) as SandboxWebcrypto;
  Object.defineProperty(webcrypto, 'subtle', { get: () => subtle, enumerable: false, configurable: true });
  hidden(webcrypto, 'getRandomValues', function getRandomValues(this: unknown, array: ArrayBufferView) {
    return webSync(() => Reflect.apply(cryptoProto.getRandomValues, this === webcrypto ? hostWeb : this, [array]));
  });
  hidden(webcrypto, 'randomUUID', function randomUUID(this: unknown) {
    return webSync(() => Reflect.apply(cryptoProto.randomUUID, this === webcrypto ? hostWeb : this, []));
  });
  return webcrypto;
}
