/**
 * crypto's stream classes in the sandbox: `Hash`, `Hmac`, `Cipheriv`, `Decipheriv` (LazyTransform
 * streams in Node) and `Sign`, `Verify` (Writables). The host's are streams of the host, whose
 * nextTicks would run outside the simulation (a Hash in a pipeline would never finish there);
 * these are Node's classes (lib/internal/crypto/hash.js, cipher.js, sig.js) on the sandbox's
 * streams, each holding a host object that does the (synchronous) work: `update`, `digest`,
 * `final`, `sign`, … are the host's methods, so validation, errors and state (finalized, auth
 * tags) are exactly Node's. As in Node, the stream side of a Hash/Hmac feeds the native handle
 * directly (it neither checks nor sets the "finalized" state of `digest()`).
 */
import { syncCall } from './errors';
import { real } from './host';
import { stream } from './stream';

const hostCrypto = () => real('crypto');
const kHost = Symbol('kHost');

// ------------------------------------------------------------------ LazyTransform (lib/internal/streams/lazy_transform.js)

function LazyTransform(this: any, options: unknown): void {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, stream.Transform.prototype);
Object.setPrototypeOf(LazyTransform, stream.Transform);

function makeGetter(name: string) {
  return function(this: any) {
    stream.Transform.call(this, this._options);
    this._writableState.decodeStrings = false;
    if (!this._options || !this._options.defaultEncoding) {
      this._writableState.defaultEncoding = 'buffer';
    }
    return this[name];
  };
}

function makeSetter(name: string) {
  return function(this: any, val: unknown) {
    Object.defineProperty(this, name, { value: val, enumerable: true, configurable: true, writable: true });
  };
}

Object.defineProperties(LazyTransform.prototype, {
  _readableState: { get: makeGetter('_readableState'), set: makeSetter('_readableState'), configurable: true, enumerable: true },
  _writableState: { get: makeGetter('_writableState'), set: makeSetter('_writableState'), configurable: true, enumerable: true },
});

/** The native handle of a host Hash/Hmac (Node's kHandle), or undefined if this Node hides it. */
function nativeHandle(hostObject: object): any {
  const sym = Object.getOwnPropertySymbols(hostObject).find((s) => s.description === 'kHandle');
  return sym === undefined ? undefined : (hostObject as any)[sym];
}

// ------------------------------------------------------------------ Hash, Hmac

export function Hash(this: any, algorithm: unknown, options?: unknown): any {
  if (!new.target) return new (Hash as any)(algorithm, options);
  // `algorithm` is a host Hash when copying ((Hash.prototype as any).copy).
  this[kHost] = typeof algorithm === 'object' && algorithm !== null && (algorithm as any)[kHost] === undefined && algorithm instanceof hostCrypto().Hash
    ? algorithm
    : syncCall(() => hostCrypto().createHash(algorithm, options));
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

(Hash.prototype as any).copy = function copy(this: any, options?: unknown) {
  const host = this[kHost];
  return new (Hash as any)(syncCall(() => host.copy(options)), options);
};

(Hash.prototype as any)._transform = function _transform(this: any, chunk: unknown, encoding: string, callback: () => void) {
  const handle = nativeHandle(this[kHost]);
  if (handle) handle.update(chunk, encoding);
  else this[kHost].update(chunk, encoding === 'buffer' ? undefined : encoding);
  callback();
};

(Hash.prototype as any)._flush = function _flush(this: any, callback: () => void) {
  const handle = nativeHandle(this[kHost]);
  this.push(handle ? handle.digest() : this[kHost].digest());
  callback();
};

(Hash.prototype as any).update = function update(this: any, data: unknown, encoding?: unknown) {
  const host = this[kHost];
  syncCall(() => host.update(data, encoding));
  return this;
};

(Hash.prototype as any).digest = function digest(this: any, outputEncoding?: unknown) {
  const host = this[kHost];
  return syncCall(() => host.digest(outputEncoding));
};

export function Hmac(this: any, hmac: unknown, key: unknown, options?: unknown): any {
  if (!(this instanceof Hmac)) return new (Hmac as any)(hmac, key, options);
  (this as any)[kHost] = syncCall(() => hostCrypto().createHmac(hmac, key, options));
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);
(Hmac.prototype as any).update = (Hash.prototype as any).update;
(Hmac.prototype as any).digest = (Hash.prototype as any).digest;
(Hmac.prototype as any)._flush = (Hash.prototype as any)._flush;
(Hmac.prototype as any)._transform = (Hash.prototype as any)._transform;

// ------------------------------------------------------------------ Cipheriv, Decipheriv

function addCipherPrototypeFunctions(ctor: any): void {
  ctor.prototype._transform = function _transform(this: any, chunk: unknown, encoding: string, callback: () => void) {
    this.push(this[kHost].update(chunk, encoding === 'buffer' ? undefined : encoding));
    callback();
  };
  ctor.prototype._flush = function _flush(this: any, callback: (err?: unknown) => void) {
    try {
      this.push(this.final());
    } catch (e) {
      callback(e);
      return;
    }
    callback();
  };
  ctor.prototype.update = function update(this: any, data: unknown, inputEncoding?: unknown, outputEncoding?: unknown) {
    const host = this[kHost];
    return syncCall(() => host.update(data, inputEncoding, outputEncoding));
  };
  ctor.prototype.final = function final(this: any, outputEncoding?: unknown) {
    const host = this[kHost];
    return syncCall(() => host.final(outputEncoding));
  };
  for (const name of ['setAutoPadding', 'setAuthTag', 'setAAD']) {
    ctor.prototype[name] = {
      [name](this: any, ...args: unknown[]) {
        const host = this[kHost];
        syncCall(() => host[name](...args));
        return this;
      },
    }[name];
  }
  ctor.prototype.getAuthTag = function getAuthTag(this: any) {
    const host = this[kHost];
    return syncCall(() => host.getAuthTag());
  };
}

export function Cipheriv(this: any, cipher: unknown, key: unknown, iv: unknown, options?: unknown): any {
  if (!(this instanceof Cipheriv)) return new (Cipheriv as any)(cipher, key, iv, options);
  (this as any)[kHost] = syncCall(() => hostCrypto().createCipheriv(cipher, key, iv, options));
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Cipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Cipheriv, LazyTransform);
addCipherPrototypeFunctions(Cipheriv);

export function Decipheriv(this: any, cipher: unknown, key: unknown, iv: unknown, options?: unknown): any {
  if (!(this instanceof Decipheriv)) return new (Decipheriv as any)(cipher, key, iv, options);
  (this as any)[kHost] = syncCall(() => hostCrypto().createDecipheriv(cipher, key, iv, options));
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Decipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Decipheriv, LazyTransform);
addCipherPrototypeFunctions(Decipheriv);

// ------------------------------------------------------------------ Sign, Verify

export function Sign(this: any, algorithm: unknown, options?: unknown): any {
  if (!(this instanceof Sign)) return new (Sign as any)(algorithm, options);
  (this as any)[kHost] = syncCall(() => hostCrypto().createSign(algorithm, options));
  Reflect.apply(stream.Writable, this, [options]);
}
Object.setPrototypeOf(Sign.prototype, stream.Writable.prototype);
Object.setPrototypeOf(Sign, stream.Writable);

(Sign.prototype as any)._write = function _write(this: any, chunk: unknown, encoding: string, callback: () => void) {
  this.update(chunk, encoding === 'buffer' ? undefined : encoding);
  callback();
};

(Sign.prototype as any).update = function update(this: any, data: unknown, encoding?: unknown) {
  const host = this[kHost];
  syncCall(() => host.update(data, encoding));
  return this;
};

(Sign.prototype as any).sign = function sign(this: any, options: unknown, encoding?: unknown) {
  const host = this[kHost];
  return syncCall(() => host.sign(options, encoding));
};

export function Verify(this: any, algorithm: unknown, options?: unknown): any {
  if (!(this instanceof Verify)) return new (Verify as any)(algorithm, options);
  (this as any)[kHost] = syncCall(() => hostCrypto().createVerify(algorithm, options));
  Reflect.apply(stream.Writable, this, [options]);
}
Object.setPrototypeOf(Verify.prototype, stream.Writable.prototype);
Object.setPrototypeOf(Verify, stream.Writable);

(Verify.prototype as any)._write = (Sign.prototype as any)._write;
(Verify.prototype as any).update = (Sign.prototype as any).update;
(Verify.prototype as any).verify = function verify(this: any, options: unknown, signature: unknown, sigEncoding?: unknown) {
  const host = this[kHost];
  return syncCall(() => host.verify(options, signature, sigEncoding));
};

/** What crypto.ts puts in the module in place of the host's. */
export const streamClasses = {
  Hash,
  Hmac,
  Cipheriv,
  Decipheriv,
  Sign,
  Verify,
  createHash: (algorithm: unknown, options?: unknown) => new (Hash as any)(algorithm, options),
  createHmac: (hmac: unknown, key: unknown, options?: unknown) => new (Hmac as any)(hmac, key, options),
  createCipheriv: (cipher: unknown, key: unknown, iv: unknown, options?: unknown) => new (Cipheriv as any)(cipher, key, iv, options),
  createDecipheriv: (cipher: unknown, key: unknown, iv: unknown, options?: unknown) => new (Decipheriv as any)(cipher, key, iv, options),
  createSign: (algorithm: unknown, options?: unknown) => new (Sign as any)(algorithm, options),
  createVerify: (algorithm: unknown, options?: unknown) => new (Verify as any)(algorithm, options),
};
