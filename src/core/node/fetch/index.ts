/**
 * Node's `internal/deps/undici/undici` in the sandbox: the module the globals `fetch`, `Headers`,
 * `Request`, `Response`, `FormData`, `WebSocket`, … come from (engine/sandbox-builtins.ts, as Node's
 * lib/internal/bootstrap/web/exposed-window-or-worker.js exposes them). It is undici itself
 * (the npm package of the version the imitated Node line bundles, README.md), instrumented like the rest of
 * nodelib, over Node's own net.js on the simulated loopback.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- undici is evaluated on first use */
import { isLoopbackHost, outsideHostError } from '../../sim/outside';
import { host } from '../host';
import { warnOutsideHost } from '../http/outside-warning';

type Fetch = (input: unknown, init?: unknown) => Promise<unknown>;

/** The URL a fetch asks for, when it is one (undici reports the malformed ones itself). */
function requestedUrl(input: unknown, Request: new (...a: any[]) => { url: string }): URL | undefined {
  const text = input instanceof Request ? input.url : typeof input === 'string' || input instanceof URL ? String(input) : undefined;
  if (text === undefined || !URL.canParse(text)) return undefined;
  return new URL(text);
}

type Undici = Record<string, unknown> & { fetch: Fetch; Request: new (...a: any[]) => { url: string } };

/**
 * The undici of the imitated Node line (README.md): Node 20 and 22 bundle undici 6 (6.24.1 and
 * 6.29.1: 6.24.1 here for both), Node 24 undici 7.30.2, Node 26 undici 8.12.2 — their argument
 * errors, methods (`textStream` on 26) and internals differ. Only the line's one is evaluated.
 */
function undiciOfLine(): Undici {
  if (host.nodeMajor >= 26) return require('undici8/index-fetch.js');
  if (host.nodeMajor >= 24) return require('undici7/index-fetch.js');
  return require('undici/index-fetch.js');
}

export function makeUndici(): Record<string, unknown> {
  const undici = undiciOfLine();
  const fetchImpl = undici.fetch;
  /**
   * A fetch of a host that is not this machine fails at the call, as a fetch whose connection
   * fails does (`TypeError: fetch failed`, its `cause` the Node-shaped ENETUNREACH naming the
   * URL; sim/outside.ts), and the run's output says why. A redirect elsewhere fails one level
   * down, in net.js's lookup or connect (http/shims/dns.js, tcp-wrap.ts).
   */
  const fetch = function fetch(input: unknown, init: unknown = undefined): Promise<unknown> {
    const url = requestedUrl(input, undici.Request);
    const remote = host.remote !== undefined && host.remote.mode !== 'off' ? host.remote : undefined;
    if (remote && url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) {
      // --replay-only and nothing recorded for this URL: say which URL (the layers below only see a host).
      const missing = remote.replayOnlyMissing(url.href);
      if (missing !== undefined) {
        const err = Object.assign(new Error(missing), { code: 'ERR_ASYNC_TIMELINE_NOT_RECORDED' });
        return Promise.reject(new TypeError('fetch failed', { cause: err }));
      }
    }
    if (!remote && url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') && !isLoopbackHost(url.hostname)) {
      const target = `fetch(${JSON.stringify(url.href)})`;
      warnOutsideHost(target);
      const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
      return Promise.reject(new TypeError('fetch failed', { cause: outsideHostError(Error, target, { syscall: 'connect', host: url.hostname, port }) }));
    }
    return fetchImpl(input, init);
  };
  return { ...undici, fetch };
}
