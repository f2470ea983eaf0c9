/**
 * A host outside the program, on the simulated network (src/core/netrec/README.md): the far end
 * of a connection the program's net.js made to an outside host (or, recording, to a local port
 * none of its servers listens on). It speaks HTTP/1.1 as a server does: it parses the requests
 * the program's `http` or undici writes (several per connection, in order: keep-alive), asks the
 * run's recorder for each answer (RemoteNetwork.exchange: the recording, or a real request made
 * now), and writes the recorded response back at virtual times from the recorded timings — the
 * head at time to first byte, the body at the end — so `http.get`, `http.request` and `fetch`
 * work unchanged above it.
 */
import type { Connection, End, EndOwner } from '../../sim/pipe';
import type { SimThread } from '../../sim/world';
import type { ExchangeAnswer, PeerRequest, PeerResponse } from '../../netrec/types';
import { host } from '../host';

/**
 * Asks the recorder; `then` runs with the answer at once when it is recorded, or when the real
 * operation answers — the loop holds at virtual time `t` meanwhile (IoSystem.hold), so both take
 * the same virtual time.
 */
export function askRemote<T>(thread: SimThread, t: number, what: string, ask: (done: (answer: T) => void) => void, then: (answer: T) => void): void {
  let sync = true;
  let got: { answer: T } | undefined;
  let release: (() => void) | undefined;
  ask((answer) => {
    if (sync) got = { answer };
    else {
      release?.();
      then(answer);
    }
  });
  sync = false;
  if (got) then(got.answer);
  else release = host.io().hold(thread, t, what);
}

interface Parsed {
  request: Omit<PeerRequest, 'tls' | 'hostname' | 'port'>;
  /** Characters of the buffer it took. */
  length: number;
}

/** One complete request at the start of `buf` (latin1), or undefined when more bytes are needed. */
export function parseRequest(buf: string): Parsed | undefined {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const lines = buf.slice(0, headEnd).split('\r\n');
  const [method = 'GET', path = '/'] = lines[0].split(' ');
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const header = (name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1];
  let at = headEnd + 4;
  let body = '';
  if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buf.slice(at, lineEnd), 16);
      if (size === 0) {
        // The last chunk, then trailers up to an empty line.
        const end = buf.indexOf('\r\n\r\n', lineEnd);
        if (end < 0 && buf.slice(lineEnd, lineEnd + 4) !== '\r\n\r\n') return undefined;
        at = (buf.slice(lineEnd, lineEnd + 4) === '\r\n\r\n' ? lineEnd : end) + 4;
        break;
      }
      if (buf.length < lineEnd + 2 + size + 2) return undefined;
      body += buf.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  } else {
    const length = Number(header('content-length') ?? 0);
    if (buf.length < at + length) return undefined;
    body = buf.slice(at, at + length);
    at += length;
  }
  return { request: { method, path, headers, body }, length: at };
}

/** The response's bytes (latin1): status line, the recorded headers in order, the body framed as they say. */
export function responseBytes(r: PeerResponse, method: string): { head: string; body: string; close: boolean } {
  const header = (name: string) => r.headers.find(([k]) => k.toLowerCase() === name)?.[1];
  let head = `HTTP/1.1 ${r.status} ${r.statusMessage}\r\n`;
  for (const [k, v] of r.headers) head += `${k}: ${v}\r\n`;
  head += '\r\n';
  const bodyless = method === 'HEAD' || r.status === 204 || r.status === 304 || (r.status >= 100 && r.status < 200);
  const chunked = /chunked/i.test(header('transfer-encoding') ?? '');
  let body = '';
  if (!bodyless) body = chunked ? (r.body.length > 0 ? `${r.body.length.toString(16)}\r\n${r.body}\r\n` : '') + '0\r\n\r\n' : r.body;
  // A body without a length ends with the connection, as it did.
  const close = /close/i.test(header('connection') ?? '') || (!bodyless && !chunked && header('content-length') === undefined);
  return { head, body, close };
}

export class RemotePeer implements EndOwner {
  private buffer = '';
  private readonly queue: { request: PeerRequest; at: number }[] = [];
  private busy = false;
  /** No more answers: the connection was reset, or a request never got one. */
  private stopped = false;
  private ended = false;

  constructor(
    private readonly end: End,
    private readonly conn: Connection,
    private readonly target: { tls: boolean; hostname: string; port: number },
    private readonly thread: SimThread,
  ) {
    end.owner = this;
  }

  /** EndOwner: the program's bytes (or its FIN) arrived at time t. */
  arrived(end: End, t: number): void {
    if (end.inbox.length > 0) this.buffer += this.conn.consume(end, t);
    for (let p = parseRequest(this.buffer); p !== undefined; p = parseRequest(this.buffer)) {
      this.buffer = this.buffer.slice(p.length);
      this.queue.push({ request: { ...p.request, ...this.target }, at: t });
    }
    this.next(t);
  }

  sent(): void {}

  /** Answers the next request once the previous answer is written (HTTP/1.1 answers in order). */
  private next(t: number): void {
    if (this.busy || this.stopped) return;
    const item = this.queue.shift();
    if (item === undefined) {
      // The program closed its side and every answer is out: close ours, as a server does.
      if (this.end.eof && !this.ended) this.finish(t, false);
      return;
    }
    this.busy = true;
    const start = Math.max(t, item.at);
    askRemote<ExchangeAnswer>(this.thread, start, `${item.request.method} ${item.request.hostname}:${item.request.port}${item.request.path} (a real request)`, (done) => host.remote!.exchange(item.request, done), (answer) => this.answer(start, item.request, answer));
  }

  private answer(start: number, request: PeerRequest, answer: ExchangeAnswer): void {
    const world = this.conn.world;
    if ('never' in answer) {
      this.stopped = true;
      return;
    }
    if ('error' in answer) {
      this.stopped = true;
      this.finish(start, true);
      return;
    }
    const r = answer.response;
    const { head, body, close } = responseBytes(r, request.method);
    world.at(start + r.headAfterMs, `response head ${request.hostname}:${request.port}`, () => this.write(head, start + r.headAfterMs));
    world.at(start + r.endAfterMs, `response end ${request.hostname}:${request.port}`, () => {
      const t = start + r.endAfterMs;
      this.write(body, t);
      this.busy = false;
      if (close) {
        this.stopped = true;
        this.finish(t, false);
      } else this.next(t);
    });
  }

  private write(bytes: string, t: number): void {
    if (bytes.length > 0 && !this.ended) this.conn.write(this.end, bytes, t, undefined, true);
  }

  private finish(t: number, reset: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.conn.end(this.end, t, reset);
  }
}
