/**
 * Errors of Node's modules in the sandbox. The real work runs in the host's realm, so what it
 * throws is a host `Error`; the program must get one of its own realm (`instanceof Error`),
 * with Node's properties (errno, code, syscall, path, dest) and Node's stack: an error of an
 * asynchronous libuv request has no JavaScript frames (it was made on the loop), so its stack
 * is its first line only.
 */

/** The host error `e` as an error of the sandbox's realm, as Node delivers it to a callback. */
export function asyncError(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || typeof (e as Error).message !== 'string') return e;
  const host = e as Error & Record<string, unknown>;
  if (Object.getPrototypeOf(host) !== null && host instanceof Error) return host; // already ours
  const Ctor = sandboxCtor(host);
  const err = new Ctor(host.message) as Error & Record<string, unknown>;
  for (const key of Object.keys(host)) err[key] = host[key];
  Object.defineProperty(err, 'stack', { value: `${host.name}: ${host.message}`, writable: true, configurable: true, enumerable: false });
  return err;
}

/** The same-named constructor of the sandbox (TypeError for a host TypeError, …). */
function sandboxCtor(e: Error): ErrorConstructor {
  const g = globalThis as unknown as Record<string, ErrorConstructor>;
  const name = e.constructor?.name;
  return name && typeof g[name] === 'function' && g[name].prototype instanceof Error ? g[name] : Error;
}

/** Runs `fn` (a synchronous call into the host) and re-throws its error in the sandbox's realm, keeping the stack. */
export function syncCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw sandboxError(e);
  }
}

/** A host error thrown synchronously at the caller: same properties, a stack from here. */
export function sandboxError(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || typeof (e as Error).message !== 'string' || e instanceof Error) return e;
  const host = e as Error & Record<string, unknown>;
  const Ctor = sandboxCtor(host);
  const err = new Ctor(host.message) as Error & Record<string, unknown>;
  for (const key of Object.keys(host)) err[key] = host[key];
  if (host.name !== err.name) Object.defineProperty(err, 'name', { value: host.name, writable: true, configurable: true, enumerable: false });
  // Node's first stack line names the code (`TypeError [ERR_INVALID_ARG_TYPE]: …`).
  const first = typeof host.stack === 'string' ? host.stack.split('\n', 1)[0] : undefined;
  if (first !== undefined && typeof err.stack === 'string') {
    Object.defineProperty(err, 'stack', { value: err.stack.replace(/^[^\n]*/, first), writable: true, configurable: true, enumerable: false });
  }
  return err;
}
