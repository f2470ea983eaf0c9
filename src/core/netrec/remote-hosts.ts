/**
 * The run's outside hosts (README.md): answers the sandbox's network layer from the recording
 * file, and — in the record modes — performs what is missing for real, in a child process
 * (real-request.ts), records it and saves the file. Lives in the engine's worker, outside the
 * sandbox; the sandbox reaches it through the `RemoteNetwork` shape (types.ts).
 */
import { execFile, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { isLoopbackHost } from '../sim/outside';
import type { RealAnswer, RealOperation } from './real-request';
import { decodeBody, emptyRecording, encodeBody, loadRecording, REDACTED_HEADERS, RecordingError, recordingFileFor, saveRecording, type Recording, type RecordedExchange } from './recording';
import type { ConnectAnswer, ExchangeAnswer, LookupAnswer, NetError, NetworkMode, PeerRequest, RemoteNetwork } from './types';

/** A real operation that takes longer than this is given up: the program sees no answer (docs/recordings.md). */
export const REAL_REQUEST_TIMEOUT_MS = 30_000;

export interface RemoteHostsOptions {
  mode: NetworkMode;
  /** Absolute path of the program's entry file (the recording is named after it). */
  entry: string;
  /** Folder of the recordings (default: `.async-timeline/recordings` beside the entry file). */
  recordingsDir?: string;
  /** Where dist/net-request.js is. */
  distDir: string;
  /** Real time a real operation may take (default REAL_REQUEST_TIMEOUT_MS). */
  realRequestTimeoutMs?: number;
  /** Tells the user something on the run's stderr (not the program's output: not in the trace). */
  say(text: string): void;
}

/** What the trace's meta says about the network (trace/format.ts TraceMeta.network). */
export interface NetworkSummary {
  mode: NetworkMode;
  recording?: string;
  recordedAt?: string;
  replayed: number;
  recorded: number;
}

const ENOTRECORDED = 'ERR_ASYNC_TIMELINE_NOT_RECORDED';

export class RemoteHosts implements RemoteNetwork {
  readonly mode: NetworkMode;
  readonly file: string;
  /** What the run replays from (the file as loaded; in 'record' mode, only what this run recorded). */
  private readonly recording: Recording;
  private readonly broken: RecordingError | undefined;
  private saved = false;
  private closed = false;
  private replayed = 0;
  private recorded = 0;
  /** Times each request (method, URL, body) was asked for in this run: the n-th gets the n-th recorded answer. */
  private readonly asked = new Map<string, number>();
  private readonly hostOfAddress = new Map<string, string>();
  private readonly told = new Set<string>();
  /**
   * Lookups and connects being performed for real, by key: a second ask for the same name or
   * `host:port` waits for the same answer (the recording keeps one per key, and the replay must
   * see the same answer the recording run saw).
   */
  private readonly inFlight = new Map<string, ((answer: never) => void)[]>();
  /** Real operations under way (killed if the run ends first). */
  private readonly children = new Set<ChildProcess>();

  constructor(private readonly options: RemoteHostsOptions) {
    this.mode = options.mode;
    this.file = recordingFileFor(options.entry, options.recordingsDir);
    const program = path.basename(options.entry);
    let loaded: Recording | undefined;
    if (this.mode !== 'off' && this.mode !== 'record') {
      try {
        loaded = loadRecording(this.file, this.display());
      } catch (e) {
        if (!(e instanceof RecordingError)) throw e;
        this.broken = e;
      }
    }
    // Said at once: every outside request of the run fails because of it, and a program that
    // catches its errors must not hide why.
    if (this.broken) this.tell('broken', this.broken.message);
    this.recording = loaded ?? emptyRecording(program);
    if (loaded) for (const [name, answer] of Object.entries(loaded.hosts)) this.learnAddresses(name, answer);
  }

  /** The run is over: real operations still under way are stopped (nothing more is recorded). */
  close(): void {
    for (const child of this.children) child.kill();
    this.children.clear();
    this.closed = true;
  }

  summary(): NetworkSummary {
    const used = this.saved || this.replayed > 0 || this.recording.exchanges.length > 0;
    return {
      mode: this.mode,
      ...(used && { recording: path.relative(path.dirname(this.options.entry), this.file).split(path.sep).join('/') }),
      ...(used && { recordedAt: this.recording.recordedAt }),
      replayed: this.replayed,
      recorded: this.recorded,
    };
  }

  hostnameOf(address: string): string | undefined {
    return this.hostOfAddress.get(address);
  }

  servesLoopback(port: number): boolean {
    if (this.mode === 'record') return true;
    if (this.mode === 'off') return false;
    return Object.keys(this.recording.connections).some((key) => {
      const at = key.lastIndexOf(':');
      return Number(key.slice(at + 1)) === port && isLoopbackHost(key.slice(0, at));
    });
  }

  replayOnlyMissing(href: string): string | undefined {
    if (this.mode !== 'replay-only' || this.broken) return undefined;
    const url = new URL(href);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    // The program's own server on this machine is none of the recording's business.
    if (isLoopbackHost(url.hostname) && !this.servesLoopback(port)) return undefined;
    if (this.recording.exchanges.some((x) => x.request.url === url.href)) return undefined;
    const message = `async-timeline: --replay-only: ${url.href} has no recording in ${this.display()}; record it with the default mode or --record`;
    this.tell(`url ${url.href}`, message);
    return message;
  }

  // ------------------------------------------------------------------------ DNS

  lookup(hostname: string, done: (answer: LookupAnswer) => void): void {
    const known = this.recording.hosts[hostname];
    if (this.broken) return done({ error: this.brokenError('getaddrinfo') });
    if (known) return done(known);
    if (this.mode === 'replay-only') {
      this.tell(`lookup ${hostname}`, `async-timeline: --replay-only: ${hostname} was never looked up in the recording ${this.display()}; record it with the default mode or --record`);
      return done({ error: { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', message: `getaddrinfo ENOTFOUND ${hostname} (not in the recording ${this.display()})` } });
    }
    if (this.joined(`lookup ${hostname}`, done)) return;
    done = this.sharer(`lookup ${hostname}`, done);
    this.perform({ op: 'lookup', hostname }, `a DNS lookup of ${hostname}`, (a) => {
      const answer: LookupAnswer = a.ok ? { addresses: a.addresses ?? [] } : { error: a.error };
      this.recording.hosts[hostname] = answer;
      this.learnAddresses(hostname, answer);
      this.save();
      done(answer);
    }, () => done({ error: { code: 'EAI_AGAIN', errno: -3001, syscall: 'getaddrinfo', message: `getaddrinfo EAI_AGAIN ${hostname}` } }));
  }

  private learnAddresses(name: string, answer: LookupAnswer): void {
    if ('addresses' in answer) for (const a of answer.addresses) if (!this.hostOfAddress.has(a.address)) this.hostOfAddress.set(a.address, name);
  }

  // ------------------------------------------------------------------------ TCP

  connect(hostname: string, port: number, done: (answer: ConnectAnswer) => void): void {
    const key = `${hostname}:${port}`;
    if (this.broken) return done({ error: this.brokenError('connect') });
    const known = this.recording.connections[key];
    if (known) return done(known);
    if (this.mode === 'replay-only') {
      this.tell(`connect ${key}`, `async-timeline: --replay-only: no connection to ${key} in the recording ${this.display()}; record it with the default mode or --record`);
      return done({ error: { code: 'ENETUNREACH', errno: -101, syscall: 'connect', message: `connect ENETUNREACH ${key}` } });
    }
    if (this.joined(`connect ${key}`, done)) return;
    done = this.sharer(`connect ${key}`, done);
    this.perform({ op: 'connect', host: hostname, port }, `a connection to ${key}`, (a) => {
      const answer: ConnectAnswer = a.ok ? { connectMs: a.connectMs ?? 0 } : { error: a.error };
      this.recording.connections[key] = answer;
      this.save();
      done(answer);
    }, () => done({ error: { code: 'ETIMEDOUT', errno: -110, syscall: 'connect', message: `connect ETIMEDOUT ${key}` } }));
  }

  // ------------------------------------------------------------------------ HTTP

  exchange(request: PeerRequest, done: (answer: ExchangeAnswer) => void): void {
    const url = urlOf(request);
    const key = `${request.method} ${url}\n${Buffer.from(request.body, 'latin1').toString('base64')}`;
    const n = this.asked.get(key) ?? 0;
    this.asked.set(key, n + 1);
    if (this.broken) return done({ error: this.brokenError('read') });
    const matches = this.recording.exchanges.filter((x) => `${x.request.method} ${x.request.url}\n${decodeBody(x.request.body).toString('base64')}` === key);
    const replay = (x: RecordedExchange): void => {
      this.replayed++;
      done(answerOf(x));
    };
    // 'record': everything this run asks is performed (the recording holds only this run's answers).
    if (this.mode !== 'record' && matches.length > n) return replay(matches[n]);
    if (this.mode === 'replay-only') {
      // More identical requests than were recorded: the recorded ones again, in order (docs/recordings.md).
      if (matches.length > 0) return replay(matches[n % matches.length]);
      this.tell(`exchange ${key}`, `async-timeline: --replay-only: ${request.method} ${url} has no recording in ${this.display()}; record it with the default mode or --record`);
      return done({ error: { code: ENOTRECORDED, message: `${request.method} ${url} has no recording in ${this.display()} (--replay-only)` } });
    }
    const op: RealOperation = { op: 'request', tls: request.tls, host: request.hostname, port: request.port, method: request.method, path: request.path, headers: request.headers, body: Buffer.from(request.body, 'latin1').toString('base64') };
    this.perform(op, `${request.method} ${url}`, (a) => {
      const body = Buffer.from(request.body, 'latin1');
      const x: RecordedExchange = {
        request: {
          method: request.method,
          url,
          headers: request.headers.map(([k, v]) => [k, REDACTED_HEADERS.has(k.toLowerCase()) ? '<redacted>' : v]),
          ...(body.length > 0 && { body: encodeBody(body) }),
        },
        ...(a.ok && a.response
          ? { response: { status: a.response.status, statusMessage: a.response.statusMessage, headers: a.response.headers, body: encodeBody(Buffer.from(a.response.body, 'base64')) } }
          : { error: a.ok ? { code: 'EIO', message: 'no response' } : a.error }),
        timing: a.ok && a.response ? a.response.timing : { connectMs: 0, firstByteMs: 0, totalMs: 0 },
      };
      this.recording.exchanges.push(x);
      this.recorded++;
      this.tell(`real ${request.hostname}:${request.port}`, `async-timeline: performed a real request to ${url} and recorded it in ${this.display()}\n`.trimEnd());
      this.save();
      done(answerOf(x));
    }, () => done({ never: true }));
  }

  // ------------------------------------------------------------------------ helpers

  /** True when `key` is being performed already: `done` then gets its answer too. */
  private joined<T>(key: string, done: (answer: T) => void): boolean {
    const waiting = this.inFlight.get(key);
    if (waiting === undefined) return false;
    waiting.push(done as (answer: never) => void);
    return true;
  }

  /** The `done` of a real operation for `key`: answers every ask that joined it, in the order they were made. */
  private sharer<T>(key: string, first: (answer: T) => void): (answer: T) => void {
    const waiting: ((answer: T) => void)[] = [first];
    this.inFlight.set(key, waiting as ((answer: never) => void)[]);
    return (answer: T) => {
      this.inFlight.delete(key);
      for (const d of waiting) d(answer);
    };
  }

  /** Runs one real operation in a child process; `timedOut` when it gave no answer in time. */
  private perform(op: RealOperation, what: string, answered: (a: RealAnswer) => void, timedOut: () => void): void {
    const script = path.join(this.options.distDir, 'net-request.js');
    const child = execFile(process.execPath, [script], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: this.timeoutMs, maxBuffer: 512 * 1024 * 1024 }, (err, stdout) => {
      this.children.delete(child);
      if (this.closed) return;
      if (err) {
        if ((err as { killed?: boolean }).killed) {
          this.say(`async-timeline: ${what} got no answer within ${this.timeoutMs / 1000} s of real time: nothing was recorded, and the program's request stays pending`);
          return timedOut();
        }
        return answered({ ok: false, error: { code: 'EIO', message: `async-timeline: the real request failed: ${err.message}` } });
      }
      answered(JSON.parse(stdout) as RealAnswer);
    });
    this.children.add(child);
    child.stdin?.end(JSON.stringify(op));
  }

  private get timeoutMs(): number {
    return this.options.realRequestTimeoutMs ?? REAL_REQUEST_TIMEOUT_MS;
  }

  private save(): void {
    this.recording.recordedAt = new Date().toISOString();
    saveRecording(this.file, this.recording);
    this.saved = true;
  }

  private brokenError(syscall: string): NetError {
    this.tell('broken', this.broken!.message);
    return { code: 'ERR_ASYNC_TIMELINE_RECORDING', syscall, message: this.broken!.message };
  }

  private display(): string {
    return path.relative(process.cwd(), this.file) || this.file;
  }

  private tell(key: string, text: string): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    this.say(text);
  }

  private say(text: string): void {
    this.options.say(text.endsWith('\n') ? text : text + '\n');
  }
}

/** The URL a request asked for: the scheme of its connection, its Host header (else the name connected to) and its target. */
export function urlOf(r: PeerRequest): string {
  const hostHeader = r.headers.find(([k]) => k.toLowerCase() === 'host')?.[1];
  const defaultPort = r.tls ? 443 : 80;
  const authority = hostHeader ?? (r.port === defaultPort ? r.hostname : `${r.hostname.includes(':') ? `[${r.hostname}]` : r.hostname}:${r.port}`);
  return `${r.tls ? 'https' : 'http'}://${authority}${r.path}`;
}

/** A recorded exchange as the remote peer delivers it: times after the request was complete (the connect is the connection's). */
function answerOf(x: RecordedExchange): ExchangeAnswer {
  if (x.error || !x.response) return { error: x.error ?? { code: 'EIO', message: 'no response' } };
  const head = Math.max(0, x.timing.firstByteMs - x.timing.connectMs);
  return {
    response: {
      status: x.response.status,
      statusMessage: x.response.statusMessage,
      headers: x.response.headers,
      body: decodeBody(x.response.body).toString('latin1'),
      headAfterMs: head,
      endAfterMs: Math.max(head, x.timing.totalMs - x.timing.connectMs),
    },
  };
}
