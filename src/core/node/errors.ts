/**
 * Errors of Node's modules in the sandbox. The real work runs in the host's realm, so what it
 * throws is a host `Error`; the program must get one of its own realm (`instanceof Error`),
 * with Node's properties (errno, code, syscall, path, dest) and Node's stack: an error of an
 * asynchronous libuv request has no JavaScript frames (it was made on the loop), so its stack
 * is its first line only.
 */
import { sandboxModule } from './host';

/** The host error `e` as an error of the sandbox's realm, as Node delivers it to a callback (no JavaScript frames). */
export function asyncError(e: unknown): unknown {
  const err = mirror(e);
  if (err !== e && typeof (e as Error).name === 'string') {
    const host = e as Error;
    // A libuv error made on the loop has no frames; one made in JavaScript (ERR_FS_EISDIR) keeps its first line.
    const first = typeof host.stack === 'string' ? host.stack.split('\n', 1)[0] : `${host.name}: ${host.message}`;
    Object.defineProperty(err, 'stack', { value: first, writable: true, configurable: true, enumerable: false });
  }
  return err;
}

/** Host error prototype → the sandbox's class standing for it (SystemError, …). */
const mirrors = new WeakMap<object, object>();

/**
 * A host error re-made in the sandbox's realm: `instanceof Error` holds, the class name and its
 * prototype's members (SystemError's getters and inspect) are the host's, own properties (code,
 * errno, info, path, symbols) are copied as they are. Already-sandbox errors and non-errors pass.
 */
function mirror(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || typeof (e as Error).message !== 'string' || e instanceof Error) return e;
  const hostProto = Object.getPrototypeOf(e) as object | null;
  // A real Error of this realm (util.types.isNativeError holds, so inspect prints it as one).
  const err = new Error((e as Error).message);
  Object.setPrototypeOf(err, hostProto === null ? Error.prototype : prototypeFor(hostProto));
  Object.defineProperties(err, Object.getOwnPropertyDescriptors(e));
  return err;
}

function prototypeFor(hostProto: object): object {
  const g = globalThis as unknown as Record<string, ErrorConstructor>;
  const name = (hostProto as { constructor?: { name?: string } }).constructor?.name ?? 'Error';
  if (typeof g[name] === 'function' && (g[name].prototype === Error.prototype || g[name].prototype instanceof Error)) return g[name].prototype;
  let proto = mirrors.get(hostProto);
  if (proto === undefined) {
    const parent = Object.getPrototypeOf(hostProto) as object | null;
    proto = Object.create(parent === null ? Error.prototype : prototypeFor(parent)) as object;
    const Ctor = { [name]: function () { /* a stand-in: Node's class, named as it */ } }[name];
    Ctor.prototype = proto;
    Object.defineProperties(proto, Object.getOwnPropertyDescriptors(hostProto));
    Object.defineProperty(proto, 'constructor', { value: Ctor, writable: true, configurable: true, enumerable: false });
    mirrors.set(hostProto, proto);
  }
  return proto;
}

/** Runs `fn` (a synchronous call into the host) and re-throws its error in the sandbox's realm, keeping the stack. */
export function syncCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw sandboxError(e);
  }
}

/** A host error thrown synchronously at the caller: same class and properties, its first stack line, frames from here. */
export function sandboxError(e: unknown): unknown {
  const err = mirror(e);
  if (err === e) return e;
  const host = e as Error;
  const first = typeof host.stack === 'string' ? host.stack.split('\n', 1)[0] : `${host.name}: ${host.message}`;
  const here = new Error(host.message).stack ?? '';
  Object.defineProperty(err, 'stack', { value: first + here.slice(here.indexOf('\n') === -1 ? here.length : here.indexOf('\n')), writable: true, configurable: true, enumerable: false });
  return err;
}

/** Node's AbortError (lib/internal/errors.js): code ABORT_ERR, the signal's reason as `cause`. */
export class AbortError extends Error {
  code: string;
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

/** Node's `checkAborted`: an AbortError for an aborted signal, else undefined. */
export function abortedBy(signal: AbortSignal | undefined | null): AbortError | undefined {
  return signal?.aborted ? new AbortError(undefined, { cause: signal.reason }) : undefined;
}

/** ERR_INVALID_ARG_TYPE for a path that is not a string, Buffer or URL (the promises API takes no fd). */
export function validatePath(path: unknown, name = 'path'): void {
  if (typeof path === 'string' || path instanceof URL || (path !== null && typeof path === 'object' && (ArrayBuffer.isView(path) || 'href' in path))) return;
  const received = path === null || path === undefined ? String(path)
    : typeof path === 'object' ? `an instance of ${(path as object).constructor?.name ?? 'Object'}`
    : typeof path === 'function' ? `function ${(path as { name: string }).name}`
    : `type ${typeof path} (${typeof path === 'string' ? `'${path}'` : String(path)})`;
  const e = new TypeError(`The "${name}" argument must be of type string or an instance of Buffer or URL. Received ${received}`) as TypeError & { code: string };
  e.code = 'ERR_INVALID_ARG_TYPE';
  throw e;
}

/**
 * Node's internal/errors codes (`new codes.ERR_X(...)`) as events.js's copy defines them
 * (node-internals.js, filled when events.js is evaluated): errors of the sandbox's realm that print
 * as Node's (`TypeError [ERR_X]: … { code: 'ERR_X' }`).
 */
export function nodeErrorCodes(): Record<string, new (...args: unknown[]) => Error> {
  sandboxModule('events');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./node-internals') as { codes: Record<string, new (...args: unknown[]) => Error> }).codes;
}
