/* eslint-disable prefer-rest-params -- Node's functions count and forward their `arguments` (part of their validation) */
/**
 * `dns` and `dns/promises` in the sandbox (Node 20's lib/dns.js, lib/internal/dns/promises.js).
 *
 * - `lookup` is getaddrinfo on libuv's threadpool: a pool request whose real work is the host's
 *   `dns.lookup` (asynchronous: the loop holds at the request's modelled end, cost `dns.lookup`,
 *   until the real answer is in; io-system.ts), asked for every address (`all: true`) and shaped
 *   here as Node's onlookup / onlookupall do. Empty hostnames and IP addresses answer on
 *   nextTick (callbacks) or at once (promises), without a request, as in Node.
 * - `lookupService` is getnameinfo, on the threadpool too: the same, with the host's lookupService.
 * - `resolve*`, `reverse`, `Resolver` are c-ares, not the threadpool: dns-resolver.ts (real channels).
 *
 * Argument errors are Node's own: the host's function is called with the same arguments but a
 * harmless hostname (an IP address: the host answers it on its own nextTick, with no I/O) and a
 * no-op callback, so its validation throws exactly what Node throws, at the call.
 */
import { nodeErrorCodes, syncCall } from './errors';
import { host, real, sandboxModule } from './host';
import { submitAsync } from './libuv';
import { isLoopbackHost } from '../sim/outside';
import { PromisesResolver, RESOLVE_MAP, Resolver } from './dns-resolver';

const hostDns = () => real('dns');
const isIP = (s: unknown): number => real('net').isIP(s);
const PROMISIFY_CUSTOM = Symbol.for('nodejs.util.promisify.custom');

type Callback = (...args: any[]) => void;
const noop = () => {};

let invalidHostnameWarningEmitted = false;
function emitInvalidHostnameWarning(hostname: unknown): void {
  if (!invalidHostnameWarningEmitted) {
    process.emitWarning(
      `The provided hostname "${String(hostname)}" is not a valid ` +
        'hostname, and is supported in the dns module solely for compatibility.',
      'DeprecationWarning',
      'DEP0118',
    );
    invalidHostnameWarningEmitted = true;
  }
}

/** Validates `lookup`'s arguments as Node does (throwing its errors) without asking anything. */
function validateLookup(fn: Callback, args: unknown[]): void {
  const probe = args.map((a, i) => (i === 0 ? (typeof a === 'string' || !a ? '127.0.0.1' : a) : typeof a === 'function' ? noop : a));
  syncCall(() => fn(...probe));
}

interface LookupOptions {
  family: number;
  all: boolean;
  hints: number;
  order: string;
}

/** The options as Node's lookup reads them (already validated). */
function parseLookupOptions(options: any): LookupOptions {
  const o: LookupOptions = { family: 0, all: false, hints: 0, order: hostDns().getDefaultResultOrder() };
  if (typeof options === 'number') {
    o.family = options;
  } else if (options && typeof options === 'object') {
    if (options.hints != null) o.hints = options.hints >>> 0;
    if (options.family != null) o.family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    if (options.all != null) o.all = options.all;
    if (options.verbatim != null) o.order = options.verbatim ? 'verbatim' : 'ipv4first';
    if (options.order != null) o.order = options.order;
  }
  return o;
}

interface Address {
  address: string;
  family: number;
}

/** getaddrinfo on the pool: the host's lookup of every address, delivered after the model's cost. */
function getaddrinfo(hostname: string, o: LookupOptions, done: (err: unknown, addresses: Address[] | undefined) => void): void {
  const remote = host.remote !== undefined && host.remote.mode !== 'off' && !isLoopbackHost(hostname) ? host.remote : undefined;
  submitAsync<Address[]>(
    `dns.lookup ${hostname}`,
    (finish) => {
      // An outside name, with outside hosts recorded (src/core/netrec): the recorded answer (or a
      // real lookup, then recorded), on the same pool request and cost as any lookup.
      if (remote) {
        return remote.lookup(hostname, (answer) => {
          if ('error' in answer) return finish(Object.assign(new Error(answer.error.message), { errno: answer.error.errno, code: answer.error.code, syscall: answer.error.syscall ?? 'getaddrinfo', hostname }));
          const addresses = answer.addresses.filter((a) => o.family === 0 || a.family === o.family);
          if (addresses.length === 0) return finish(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname }));
          finish(null, o.order === 'ipv4first' ? [...addresses].sort((a, b) => a.family - b.family) : addresses);
        });
      }
      hostDns().lookup(hostname, { family: o.family, hints: o.hints, all: true, order: o.order }, (err: unknown, addresses: Address[]) => finish(err, addresses));
    },
    (m) => m.units('dns.lookup', 0),
    done,
  );
}

// Easy DNS A/AAAA look up
// lookup(hostname, [options,] callback)
export function lookup(hostname: unknown, options?: unknown, callback?: unknown): unknown {
  validateLookup(hostDns().lookup, Array.from(arguments));
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  const cb = callback as Callback;
  const o = parseLookupOptions(options);

  if (!hostname) {
    // Node 26 refuses it; earlier lines warn (DEP0118) and answer null.
    if (host.nodeMajor >= 26) throw new (nodeErrorCodes().ERR_INVALID_ARG_VALUE)('hostname', hostname, 'must be a non-empty string');
    emitInvalidHostnameWarning(hostname);
    if (o.all) process.nextTick(cb, null, []);
    else process.nextTick(cb, null, null, o.family === 6 ? 6 : 4);
    return {};
  }

  const matchedFamily = isIP(hostname);
  if (matchedFamily) {
    if (o.all) process.nextTick(cb, null, [{ address: hostname, family: matchedFamily }]);
    else process.nextTick(cb, null, hostname, matchedFamily);
    return {};
  }

  getaddrinfo(hostname as string, o, (err, addresses) => {
    if (err) return cb(err);
    if (o.all) cb(null, addresses!.map((a) => ({ address: a.address, family: o.family || a.family })));
    else cb(null, addresses![0].address, o.family || addresses![0].family);
  });
  return {};
}
// Node's promisify resolves { address, family } (customPromisifyArgs, internal to Node; the
// sandbox's promisify honours util.promisify.custom).
Object.defineProperty(lookup, PROMISIFY_CUSTOM, {
  value: (...args: unknown[]) =>
    new Promise((resolve, reject) => {
      lookup(...(args as [unknown]), (err: unknown, ...values: unknown[]) => {
        if (err) return reject(err);
        resolve(values.length > 1 ? { address: values[0], family: values[1] } : values[0]);
      });
    }),
  enumerable: false,
  configurable: true,
});

/** True when lookupService's address and port are valid (Node's errors thrown otherwise). */
function validateLookupService(args: unknown[], promises: boolean): void {
  const expected = promises ? 2 : 3;
  if (args.length !== expected) {
    syncCall(() => (promises ? hostDns().promises.lookupService(...args) : hostDns().lookupService(...args)));
    return;
  }
  try {
    // With a callback that is not a function, the host's lookupService throws: about the address
    // or the port if one is bad, else about the callback (then all is well). It asks nothing.
    hostDns().lookupService(args[0], args[1], null);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const aboutCallback = err.code === 'ERR_INVALID_ARG_TYPE' && /"callback"/.test(String(err.message));
    if (!aboutCallback) syncCall(() => {
      throw e;
    });
  }
  if (!promises && typeof args[2] !== 'function') syncCall(() => hostDns().lookupService(...args));
}

/** getnameinfo on the pool (real: the host's lookupService). */
function getnameinfo(address: string, port: number, done: (err: unknown, r: [string, string] | undefined) => void): void {
  submitAsync<[string, string]>(
    `dns.lookupService ${address}:${port}`,
    (finish) => {
      hostDns().lookupService(address, port, (err: unknown, hostname: string, service: string) => finish(err, [hostname, service]));
    },
    (m) => m.units('dns.lookup', 0),
    done,
  );
}

export function lookupService(address: unknown, port: unknown, callback: unknown): unknown {
  validateLookupService(Array.from(arguments), false);
  const cb = callback as Callback;
  getnameinfo(address as string, +(port as number), (err, r) => (err ? cb(err) : cb(null, r![0], r![1])));
  return {};
}
Object.defineProperty(lookupService, PROMISIFY_CUSTOM, {
  value: (address: unknown, port: unknown) =>
    new Promise((resolve, reject) => {
      lookupService(address, port, (err: unknown, hostname: unknown, service: unknown) => (err ? reject(err) : resolve({ hostname, service })));
    }),
  enumerable: false,
  configurable: true,
});

// ------------------------------------------------------------------ the default resolvers

// One default channel for both modules (Node's setDefaultResolver): `dns.setServers` changes
// the servers `dns.promises` asks too.
let defaultResolver: Resolver | undefined;
let defaultPromisesResolver: PromisesResolver | undefined;
const getDefaultResolver = () => (defaultResolver ??= new Resolver());
function getDefaultPromisesResolver(): PromisesResolver {
  const handle = getDefaultResolver()._handle;
  if (defaultPromisesResolver?._handle !== handle) {
    defaultPromisesResolver = Object.create(PromisesResolver.prototype) as PromisesResolver;
    defaultPromisesResolver._handle = handle;
  }
  return defaultPromisesResolver!;
}
function defaultResolverSetServers(servers: unknown): void {
  const resolver = new Resolver();
  resolver.setServers(servers);
  defaultResolver = resolver;
}

const BOUND = ['getServers', 'resolve', 'resolveAny', ...Object.values(RESOLVE_MAP).filter((m) => m !== 'resolveAny'), 'reverse'];

/** Node's bindDefaultResolver: the module's functions call the current default resolver. */
function bindDefault(target: Record<string, unknown>, current: () => Resolver): void {
  for (const name of BOUND) {
    target[name] = {
      [name](...args: unknown[]) {
        const r = current();
        return (r as any)[name](...args);
      },
    }[name];
  }
}

function errorCodes(target: Record<string, unknown>): void {
  const host = hostDns();
  for (const key of ['NODATA', 'FORMERR', 'SERVFAIL', 'NOTFOUND', 'NOTIMP', 'REFUSED', 'BADQUERY', 'BADNAME', 'BADFAMILY', 'BADRESP', 'CONNREFUSED', 'TIMEOUT', 'EOF', 'FILE', 'NOMEM', 'DESTRUCTION', 'BADSTR', 'BADFLAGS', 'NONAME', 'BADHINTS', 'NOTINITIALIZED', 'LOADIPHLPAPI', 'ADDRGETNETWORKPARAMS', 'CANCELLED']) {
    target[key] = host[key];
  }
}

export function makeDns(): Record<string, unknown> {
  const host = hostDns();
  const dns: Record<string, unknown> = {
    lookup,
    lookupService,
    Resolver,
    getDefaultResultOrder: host.getDefaultResultOrder,
    setDefaultResultOrder: host.setDefaultResultOrder,
    setServers: defaultResolverSetServers,
    // uv_getaddrinfo flags
    ADDRCONFIG: host.ADDRCONFIG,
    ALL: host.ALL,
    V4MAPPED: host.V4MAPPED,
  };
  errorCodes(dns);
  bindDefault(dns, getDefaultResolver);
  Object.defineProperty(dns, 'promises', {
    configurable: true,
    enumerable: true,
    get: () => sandboxModule('dns/promises'),
  });
  return dns;
}

// ------------------------------------------------------------------ dns/promises

function createLookupPromise(family: number, hostname: unknown, all: boolean, hints: number, order: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!hostname) {
      emitInvalidHostnameWarning(hostname);
      resolve(all ? [] : { address: null, family: family === 6 ? 6 : 4 });
      return;
    }
    const matchedFamily = isIP(hostname);
    if (matchedFamily !== 0) {
      const result = { address: hostname, family: matchedFamily };
      resolve(all ? [result] : result);
      return;
    }
    getaddrinfo(hostname as string, { family, all, hints, order }, (err, addresses) => {
      if (err) return reject(err);
      if (all) resolve(addresses!.map((a) => ({ address: a.address, family: family || a.family })));
      else resolve({ address: addresses![0].address, family: family || addresses![0].family });
    });
  });
}

export function lookupPromise(hostname: unknown, options?: unknown): Promise<unknown> {
  // Validation: the host's dns.promises.lookup with a harmless hostname (it settles a promise of
  // its own at once, asking nothing).
  validateLookup(hostDns().promises.lookup, Array.from(arguments));
  const o = parseLookupOptions(options);
  return createLookupPromise(o.family, hostname, o.all, o.hints, o.order);
}

export function lookupServicePromise(address: unknown, port: unknown): Promise<unknown> {
  validateLookupService(Array.from(arguments), true);
  return new Promise((resolve, reject) => {
    getnameinfo(address as string, +(port as number), (err, r) => (err ? reject(err) : resolve({ hostname: r![0], service: r![1] })));
  });
}

export function makeDnsPromises(): Record<string, unknown> {
  const host = hostDns();
  const promises: Record<string, unknown> = {
    lookup: Object.defineProperty(lookupPromise, 'name', { value: 'lookup' }),
    lookupService: Object.defineProperty(lookupServicePromise, 'name', { value: 'lookupService' }),
    Resolver: PromisesResolver,
    getDefaultResultOrder: host.getDefaultResultOrder,
    setDefaultResultOrder: host.setDefaultResultOrder,
    setServers: defaultResolverSetServers,
  };
  errorCodes(promises);
  bindDefault(promises, getDefaultPromisesResolver);
  return promises;
}
