/* eslint-disable prefer-rest-params -- Node's functions count and forward their `arguments` (part of their validation) */
/**
 * `dns.Resolver` / `dns.promises.Resolver` and the module-level `resolve*` / `reverse` in the
 * sandbox. Node answers these with c-ares, on the loop itself (sockets to the DNS servers), not
 * on libuv's threadpool: there is no latency model for a name server, so each query is real
 * asynchronous work on a *real channel* (src/core/io, as a child process is): the host's
 * Resolver asks for real and the answer is delivered at the virtual moment of its real arrival
 * (the query's start plus the real time elapsed; not deterministic, documented). The loop may not
 * pass that point while the query is out.
 *
 * Each sandbox Resolver holds a host Resolver (`_handle`, as Node's holds its ChannelWrap):
 * servers, local address, timeout and tries are the host's. Argument errors are the host's own,
 * thrown at the call in the sandbox's realm.
 */
import { asyncError, syncCall } from './errors';
import { real } from './host';
import { openChannel } from './libuv';

const hostDns = () => real('dns');

type Callback = (...args: any[]) => void;

/** rrtype → method, as Node's resolveMap. */
export const RESOLVE_MAP: Record<string, string> = {
  ANY: 'resolveAny',
  A: 'resolve4',
  AAAA: 'resolve6',
  CAA: 'resolveCaa',
  CNAME: 'resolveCname',
  MX: 'resolveMx',
  NS: 'resolveNs',
  TXT: 'resolveTxt',
  SRV: 'resolveSrv',
  PTR: 'resolvePtr',
  NAPTR: 'resolveNaptr',
  SOA: 'resolveSoa',
};
const QUERY_METHODS = [...Object.values(RESOLVE_MAP), 'reverse'];

/**
 * One real query of `handle` (a host callback Resolver): `callback(err, result)` runs at the
 * virtual moment its real answer arrives.
 */
function realQuery(handle: any, method: string, name: string, options: unknown, hasOptions: boolean, callback: Callback): void {
  const open: { channel?: ReturnType<typeof openChannel> } = {};
  let early: [unknown, unknown] | undefined;
  let answered = false;
  const deliver = (err: unknown, result: unknown) => {
    const channel = open.channel!;
    // The query ends (IoDone) when its answer is delivered, at the virtual moment of its arrival.
    channel.deliver('answer', () => {
      channel.close();
      if (err) callback(asyncError(err));
      else callback(null, result);
    });
  };
  const onAnswer = (err: unknown, result: unknown) => {
    if (answered) return;
    answered = true;
    if (open.channel === undefined) early = [err, result]; // c-ares answers on a later turn of the host's loop: for safety only
    else deliver(err, result);
  };
  syncCall(() => (hasOptions ? handle[method](name, options, onAnswer) : handle[method](name, onAnswer)));
  open.channel = openChannel(`dns.${method} ${name}`, () => {
    answered = true;
    handle.cancel();
  });
  if (early) deliver(early[0], early[1]);
}

/** Node's callback-based ResolverBase + the query methods. */
export class Resolver {
  _handle: any;

  constructor(options?: unknown) {
    const HostResolver = hostDns().Resolver;
    this._handle = syncCall(() => (arguments.length === 0 ? new HostResolver() : new HostResolver(options)));
  }

  cancel(): void {
    this._handle.cancel();
  }

  getServers(): string[] {
    return this._handle.getServers();
  }

  setServers(servers: unknown): void {
    syncCall(() => this._handle.setServers(servers));
  }

  setLocalAddress(ipv4?: unknown, ipv6?: unknown): void {
    syncCall(() => this._handle.setLocalAddress(...Array.from(arguments)));
    void ipv4;
    void ipv6;
  }

  resolve(hostname: unknown, rrtype?: unknown, callback?: unknown): unknown {
    let method: string | undefined;
    if (typeof rrtype === 'string') {
      method = RESOLVE_MAP[rrtype];
    } else if (typeof rrtype === 'function') {
      method = RESOLVE_MAP.A;
      callback = rrtype;
    }
    // A bad rrtype: the host's resolve throws Node's error before it asks anything.
    if (method === undefined) return syncCall(() => this._handle.resolve(hostname, rrtype, callback));
    return (this as any)[method](hostname, callback);
  }
}

for (const method of QUERY_METHODS) {
  const query = {
    [method](this: Resolver, name: unknown, ...rest: unknown[]): unknown {
      const hasOptions = rest.length > 1;
      const callback = hasOptions ? rest[1] : rest[0];
      if (typeof name !== 'string' || typeof callback !== 'function') {
        // validateString(name) / validateFunction(callback): the host's method throws Node's error.
        return syncCall(() => this._handle[method](name, ...rest));
      }
      realQuery(this._handle, method, name, rest[0], hasOptions, callback as Callback);
      return {};
    },
  }[method];
  Object.defineProperty(Resolver.prototype, method, { value: query, writable: true, enumerable: false, configurable: true });
}

/** `dns.promises.Resolver`: the same queries, answered by promises of the sandbox. */
export class PromisesResolver extends Resolver {
  override resolve(hostname: unknown, rrtype?: unknown): any {
    let method: string | undefined;
    if (rrtype !== undefined) {
      method = typeof rrtype === 'string' ? RESOLVE_MAP[rrtype] : undefined;
      // validateString(rrtype) / ERR_INVALID_ARG_VALUE: thrown by the host's promises resolve, which asks nothing then.
      if (method === undefined) return syncCall(() => new (hostDns().promises.Resolver)().resolve(hostname, rrtype));
    } else {
      method = RESOLVE_MAP.A;
    }
    return (this as any)[method](hostname);
  }
}

for (const method of QUERY_METHODS) {
  const query = {
    [method](this: Resolver, name: unknown, options?: unknown): Promise<unknown> {
      if (typeof name !== 'string') {
        // validateString(name, 'name'), thrown at the call as Node's promises query does.
        syncCall(() => new (hostDns().promises.Resolver)()[method](name));
      }
      const ttl = !!(options && (options as { ttl?: unknown }).ttl);
      return new Promise((resolve, reject) => {
        realQuery(this._handle, method, name as string, { ttl }, true, (err: unknown, result: unknown) => (err ? reject(err) : resolve(result)));
      });
    },
  }[method];
  Object.defineProperty(PromisesResolver.prototype, method, { value: query, writable: true, enumerable: false, configurable: true });
}
