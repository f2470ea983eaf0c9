/**
 * `Uint8Array.fromBase64`, `fromHex`, and `Uint8Array.prototype.toBase64`, `toHex`,
 * `setFromBase64`, `setFromHex` (ES2026, Node 26) where the host V8 lacks them: the spec's
 * FromBase64 / FromHex algorithms step by step (what `setFrom…` writes before it throws, `read`
 * and `written`, the three `lastChunkHandling` modes), with V8's messages (Node 26).
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BAD_CHARACTER = 'Found a character that cannot be part of a valid base64 string.';
const SINGLE_CHARACTER = 'The base64 input terminates with a single character, excluding padding (=).';
const EXTRA_BITS = 'The base64 input terminates with non-zero padding bits.';
const ODD_HEX = 'Input string must contain hex characters in even length';

type Alphabet = 'base64' | 'base64url';
type LastChunkHandling = 'loose' | 'strict' | 'stop-before-partial';

interface Decoded { read: number; bytes: number[]; error?: SyntaxError }

import { incompatibleReceiver, noSideEffectsToString } from './v8-messages';

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)!.get!;
const typedArrayLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length')!.get!;
const typedArrayBuffer = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer')!.get!;

/**
 * ValidateUint8Array, then the bytes' view, with V8's messages for a wrong or detached receiver
 * (a typed array of another kind is named `undefined` by V8 26).
 */
function uint8Of(o: unknown, method: string): Uint8Array {
  const tag = typedArrayTag.call(o) as string | undefined;
  if (tag !== 'Uint8Array') throw incompatibleReceiver(`Uint8Array.prototype.${method}`, tag === undefined ? o : undefined);
  const u = o as Uint8Array;
  // A view of a detached buffer reads as empty; V8 refuses it instead.
  if (typedArrayLength.call(u) === 0 && isDetached(typedArrayBuffer.call(u) as ArrayBuffer)) {
    throw new TypeError(`Cannot perform Uint8Array.prototype.${method} on a detached or out-of-bounds ArrayBuffer`);
  }
  return u;
}

/** Node 20's V8 has no `ArrayBuffer.prototype.detached`; a view can't be made on a detached buffer. */
function isDetached(buffer: ArrayBuffer): boolean {
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/** GetOptionsObject: undefined → {}, an object as is, anything else V8's (terse) TypeError. */
function optionsOf(options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || (typeof options !== 'object' && typeof options !== 'function')) throw new TypeError('invalid_argument');
  return options as Record<string, unknown>;
}

function alphabetOf(opts: Record<string, unknown>): Alphabet {
  const alphabet = opts.alphabet;
  if (alphabet === undefined) return 'base64';
  if (alphabet !== 'base64' && alphabet !== 'base64url') throw new TypeError(`invalid option ${noSideEffectsToString(alphabet)}`);
  return alphabet;
}

function lastChunkHandlingOf(opts: Record<string, unknown>): LastChunkHandling {
  const mode = opts.lastChunkHandling;
  if (mode === undefined) return 'loose';
  if (mode !== 'loose' && mode !== 'strict' && mode !== 'stop-before-partial') throw new TypeError(`invalid option ${noSideEffectsToString(mode)}`);
  return mode;
}

/** SkipAsciiWhitespace. */
function skipWhitespace(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x20) break;
    i++;
  }
  return i;
}

/** DecodeBase64Chunk of a full 4-character chunk (standard alphabet). */
function decodeChunk(chunk: string): number[] {
  const n = (STANDARD.indexOf(chunk[0]) << 18) | (STANDARD.indexOf(chunk[1]) << 12) | (STANDARD.indexOf(chunk[2]) << 6) | STANDARD.indexOf(chunk[3]);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** DecodeFinalBase64Chunk: a 2- or 3-character chunk; strict mode refuses non-zero padding bits. */
function decodeFinal(chunk: string, throwOnExtraBits: boolean): number[] | SyntaxError {
  if (chunk.length === 2) {
    const bytes = decodeChunk(chunk + 'AA');
    if (throwOnExtraBits && bytes[1] !== 0) return new SyntaxError(EXTRA_BITS);
    return [bytes[0]];
  }
  const bytes = decodeChunk(chunk + 'A');
  if (throwOnExtraBits && bytes[2] !== 0) return new SyntaxError(EXTRA_BITS);
  return [bytes[0], bytes[1]];
}

/** FromBase64(string, alphabet, lastChunkHandling, maxLength). */
function fromBase64(s: string, alphabet: Alphabet, lastChunkHandling: LastChunkHandling, maxLength = Number.MAX_SAFE_INTEGER): Decoded {
  const bytes: number[] = [];
  if (maxLength === 0) return { read: 0, bytes };
  let read = 0;
  let chunk = '';
  let index = 0;
  const fail = (message: string): Decoded => ({ read, bytes, error: new SyntaxError(message) });
  for (;;) {
    index = skipWhitespace(s, index);
    if (index === s.length) {
      if (chunk.length > 0) {
        if (lastChunkHandling === 'stop-before-partial') return { read, bytes };
        if (lastChunkHandling === 'strict' || chunk.length === 1) return fail(SINGLE_CHARACTER);
        const last = decodeFinal(chunk, false) as number[];
        bytes.push(...last);
      }
      return { read: s.length, bytes };
    }
    let char = s[index++];
    if (char === '=') {
      if (chunk.length < 2) return fail(BAD_CHARACTER);
      index = skipWhitespace(s, index);
      if (chunk.length === 2) {
        if (index === s.length) {
          // `AB=` at the end: V8 words the strict mode's refusal as a truncated input.
          if (lastChunkHandling === 'stop-before-partial') return { read, bytes };
          return fail(lastChunkHandling === 'strict' ? SINGLE_CHARACTER : BAD_CHARACTER);
        }
        if (s[index] === '=') index = skipWhitespace(s, index + 1);
      }
      if (index < s.length) return fail(BAD_CHARACTER);
      const last = decodeFinal(chunk, lastChunkHandling === 'strict');
      if (last instanceof SyntaxError) return { read, bytes, error: last };
      bytes.push(...last);
      return { read: s.length, bytes };
    }
    if (alphabet === 'base64url') {
      if (char === '+' || char === '/') return fail(BAD_CHARACTER);
      if (char === '-') char = '+';
      else if (char === '_') char = '/';
    }
    if (!STANDARD.includes(char)) return fail(BAD_CHARACTER);
    const remaining = maxLength - bytes.length;
    if ((remaining === 1 && chunk.length === 2) || (remaining === 2 && chunk.length === 3)) return { read, bytes };
    chunk += char;
    if (chunk.length === 4) {
      bytes.push(...decodeChunk(chunk));
      chunk = '';
      read = index;
      if (bytes.length === maxLength) return { read, bytes };
    }
  }
}

/** FromHex(string, maxLength). */
function fromHex(s: string, maxLength = Number.MAX_SAFE_INTEGER): Decoded {
  const bytes: number[] = [];
  if (s.length % 2 !== 0) return { read: 0, bytes, error: new SyntaxError(ODD_HEX) };
  let read = 0;
  while (read < s.length && bytes.length < maxLength) {
    const pair = s.slice(read, read + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) return { read, bytes, error: new SyntaxError(ODD_HEX) };
    read += 2;
    bytes.push(parseInt(pair, 16));
  }
  return { read, bytes };
}

function requireString(s: unknown): asserts s is string {
  if (typeof s !== 'string') throw new TypeError('input argument must be a string');
}

function resultObject(read: number, written: number): { read: number; written: number } {
  return { read, written };
}

const statics = {
  fromBase64(s: unknown, options?: unknown): Uint8Array {
    requireString(s);
    const opts = optionsOf(options);
    const decoded = fromBase64(s, alphabetOf(opts), lastChunkHandlingOf(opts));
    if (decoded.error) throw decoded.error;
    return new Uint8Array(decoded.bytes);
  },
  fromHex(s: unknown): Uint8Array {
    requireString(s);
    const decoded = fromHex(s);
    if (decoded.error) throw decoded.error;
    return new Uint8Array(decoded.bytes);
  },
};

const methods = {
  toBase64(this: unknown, options?: unknown): string {
    const u = uint8Of(this, 'toBase64');
    const opts = optionsOf(options);
    const table = alphabetOf(opts) === 'base64url' ? URL_SAFE : STANDARD;
    const omitPadding = Boolean(opts.omitPadding);
    const bytes = uint8Of(u, 'toBase64');
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      const left = bytes.length - i;
      out += table[(n >> 18) & 63] + table[(n >> 12) & 63];
      out += left > 1 ? table[(n >> 6) & 63] : omitPadding ? '' : '=';
      out += left > 2 ? table[n & 63] : omitPadding ? '' : '=';
    }
    return out;
  },
  toHex(this: unknown): string {
    const u = uint8Of(this, 'toHex');
    let out = '';
    for (let i = 0; i < u.length; i++) out += u[i].toString(16).padStart(2, '0');
    return out;
  },
  setFromBase64(this: unknown, s: unknown, options?: unknown): { read: number; written: number } {
    const u = uint8Of(this, 'setFromBase64');
    requireString(s);
    const opts = optionsOf(options);
    const alphabet = alphabetOf(opts);
    const mode = lastChunkHandlingOf(opts);
    const into = uint8Of(u, 'setFromBase64');
    const decoded = fromBase64(s, alphabet, mode, into.length);
    into.set(decoded.bytes);
    if (decoded.error) throw decoded.error;
    if (decoded.read < s.length) {
      // Stopped because the array is full. V8 (Node 26) still refuses input with a character
      // outside the alphabet anywhere, and in strict mode input whose whole decoding would fail,
      // where the spec returns; checked against node26 (test/fidelity/programs/modern-node26-builtins.js).
      const alphabetChars = alphabet === 'base64url' ? URL_SAFE : STANDARD;
      for (const c of s.slice(decoded.read)) if (!alphabetChars.includes(c) && c !== '=' && skipWhitespace(c, 0) === 0) throw new SyntaxError(BAD_CHARACTER);
      if (mode === 'strict') {
        const whole = fromBase64(s, alphabet, mode);
        if (whole.error) throw whole.error;
      }
    }
    return resultObject(decoded.read, decoded.bytes.length);
  },
  setFromHex(this: unknown, s: unknown): { read: number; written: number } {
    const u = uint8Of(this, 'setFromHex');
    requireString(s);
    const decoded = fromHex(s, u.length);
    u.set(decoded.bytes);
    if (decoded.error) throw decoded.error;
    return resultObject(decoded.read, decoded.bytes.length);
  },
};

function define(target: object, fns: Record<string, (...a: any[]) => unknown>, lengths: Record<string, number>): void {
  for (const [name, fn] of Object.entries(fns)) {
    Object.defineProperty(fn, 'name', { value: name, configurable: true });
    Object.defineProperty(fn, 'length', { value: lengths[name], configurable: true });
    Object.defineProperty(target, name, { value: fn, writable: true, enumerable: false, configurable: true });
  }
}

const STATIC_NAMES = ['fromBase64', 'fromHex'];
const METHOD_NAMES = ['toBase64', 'setFromBase64', 'toHex', 'setFromHex'];

/** The group for modern/index.ts (same shape as es-builtins.ts's ES_BUILTINS entries). */
export const UINT8_BASE64 = {
  present: (g: Record<string, any>): boolean => typeof g.Uint8Array.fromBase64 === 'function',
  install(g: Record<string, any>): void {
    define(g.Uint8Array, statics, { fromBase64: 1, fromHex: 1 });
    define(g.Uint8Array.prototype, methods, { toBase64: 0, setFromBase64: 1, toHex: 0, setFromHex: 1 });
  },
  withhold(g: Record<string, any>): void {
    for (const n of STATIC_NAMES) delete g.Uint8Array[n];
    for (const n of METHOD_NAMES) delete g.Uint8Array.prototype[n];
  },
};
