/**
 * Scripted clients: simulated people at the other end of the network. They are not user
 * code and run on no thread: each is a small state machine on the world's event queue, so a
 * script can say exactly when clients come, what they type, how long they think between
 * lines and how fast they read — seeded and deterministic.
 *
 * A client's life: arrive (connect) → optionally wait for the server's greeting line → for
 * each message: think, send the line, wait for one reply line → end → wait for the server to
 * close. Its waiting time is from arrival to the server's first byte: how long it stood in
 * line before anybody served it.
 */
import type { Network } from './net';
import { byteLength, type Chunk, type Connection, type End, type EndOwner, type LinkOptions } from './pipe';
import { seededRandom } from './random';
import type { SimThread } from './world';

export interface ClientScript extends Partial<LinkOptions> {
  /** The server's port. */
  port: number;
  /** How many clients (default 1). */
  count?: number;
  /** When client i connects (ms): a number for all, a list, or a function. Default 0. */
  arriveAt?: number | number[] | ((i: number, random: () => number) => number);
  /** The lines client i sends, one after another (a newline is added). Default ['hello']. */
  messages?: string[] | ((i: number) => string[]);
  /** Think time before message k of client i (ms). Default 0. */
  thinkMs?: number | ((i: number, k: number, random: () => number) => number);
  /** Wait for the server's first line before talking (a greeting). Default false. */
  waitForGreeting?: boolean;
  /** Wait for one reply line after each message. Default true. */
  awaitReply?: boolean;
  /** How fast client i reads (bytes per ms). Default Infinity; a slow reader causes back-pressure. */
  readBytesPerMs?: number | ((i: number) => number);
  /** Client i's name (default `client ${i + 1}`). */
  name?: (i: number) => string;
  /** Seed of the clients' randomness (default: the world's seed). */
  seed?: number;
}

export type ClientState = 'waiting' | 'connecting' | 'talking' | 'closing' | 'done' | 'refused';

export interface ClientResult {
  name: string;
  state: ClientState;
  arrivedAt: number;
  /** First byte from the server arrived (undefined: never served). */
  firstByteAt?: number;
  /** When the server closed the connection. */
  closedAt?: number;
  /** firstByteAt − arrivedAt: how long it waited before being served (NaN if never). */
  waitedMs: number;
  /** closedAt − arrivedAt (NaN if not finished). */
  sessionMs: number;
  /** Lines received from the server. */
  received: string[];
  /** Bytes received. */
  bytes: number;
}

export class ScriptedClients {
  readonly results: ClientResult[] = [];
  private readonly doneListeners: Array<(t: number) => void> = [];
  private remaining: number;
  lastClosedAt = 0;

  constructor(
    readonly net: Network,
    readonly script: ClientScript,
    /** The thread that made the script: keeps its description for stuck reports. */
    readonly owner: SimThread,
  ) {
    const count = script.count ?? 1;
    this.remaining = count;
    const seed = script.seed ?? net.world.seed;
    const random = seededRandom(seed);
    for (let i = 0; i < count; i++) {
      const a = script.arriveAt;
      const at = typeof a === 'number' ? a : Array.isArray(a) ? (a[i] ?? 0) : a ? a(i, random) : 0;
      const actor = new Client(this, i, Math.max(0, at), seededRandom(seed * 7919 + i + 1));
      this.results.push(actor.result);
      net.world.at(actor.result.arrivedAt, `${actor.result.name} arrives`, () => actor.connect());
    }
    if (count === 0) this.remaining = 0;
  }

  get allDone(): boolean {
    return this.remaining === 0;
  }

  /** Calls `fn(t)` (from the world's event queue) when every client is done or refused. */
  onDone(fn: (t: number) => void): void {
    if (this.remaining === 0) fn(this.lastClosedAt);
    else this.doneListeners.push(fn);
  }

  /** A client finished at time t. */
  finished(t: number): void {
    this.lastClosedAt = Math.max(this.lastClosedAt, t);
    if (--this.remaining === 0) for (const fn of this.doneListeners.splice(0)) fn(this.lastClosedAt);
  }

  /** For stuck reports: who has not finished and why. */
  describe(): string {
    const open = this.results.filter((r) => r.state !== 'done' && r.state !== 'refused');
    return open.length === 0 ? 'all clients done' : open.map((r) => `${r.name} ${r.state}`).join(', ');
  }
}

class Client implements EndOwner {
  readonly result: ClientResult;
  private conn: Connection | undefined;
  private end: End | undefined;
  private readonly lines: string[];
  private next = 0;
  private text = '';
  private expecting: 'greeting' | 'reply' | 'none' = 'none';
  private readingUntil = 0;
  private reading = false;

  constructor(
    private readonly group: ScriptedClients,
    readonly index: number,
    arrivedAt: number,
    private readonly random: () => number,
  ) {
    const s = group.script;
    const name = s.name ? s.name(index) : `client ${index + 1}`;
    this.lines = (typeof s.messages === 'function' ? s.messages(index) : s.messages ?? ['hello']).map((l) => (l.endsWith('\n') ? l : l + '\n'));
    this.result = { name, state: 'waiting', arrivedAt, waitedMs: NaN, sessionMs: NaN, received: [], bytes: 0 };
  }

  private get world() {
    return this.group.net.world;
  }

  connect(): void {
    const s = this.group.script;
    const t = this.result.arrivedAt;
    this.result.state = 'connecting';
    const link: Partial<LinkOptions> = {};
    if (s.latencyMs !== undefined) link.latencyMs = s.latencyMs;
    if (s.bytesPerMs !== undefined) link.bytesPerMs = s.bytesPerMs;
    if (s.recvWindowBytes !== undefined) link.recvWindowBytes = s.recvWindowBytes;
    this.conn = this.group.net.open(s.port, t, `${this.result.name} → :${s.port}`, (tr) => this.refused(tr), link);
    this.end = this.conn.client;
    this.end.owner = this;
    this.result.state = 'talking';
    if (s.waitForGreeting) this.expecting = 'greeting';
    else this.sendNext(t);
  }

  private refused(t: number): void {
    this.result.state = 'refused';
    this.result.closedAt = t;
    this.group.finished(t);
  }

  private sendNext(t: number): void {
    const conn = this.conn as Connection;
    const end = this.end as End;
    if (this.next >= this.lines.length) {
      conn.end(end, t);
      this.result.state = 'closing';
      return;
    }
    const k = this.next++;
    const think = this.group.script.thinkMs;
    const delay = typeof think === 'function' ? think(this.index, k, this.random) : think ?? 0;
    this.world.at(t + delay, `${this.result.name} sends`, () => {
      if (end.finQueued) return;
      conn.write(end, this.lines[k], t + delay);
      if (this.group.script.awaitReply === false) this.sendNext(t + delay);
      else this.expecting = 'reply';
    });
  }

  /** EndOwner: read at the client's pace (a slow reader leaves data in its inbox). */
  arrived(end: End, t: number): void {
    const res = this.result;
    if (res.firstByteAt === undefined && end.inbox.length > 0) {
      res.firstByteAt = t;
      res.waitedMs = t - res.arrivedAt;
    }
    const r = this.group.script.readBytesPerMs;
    const rate = typeof r === 'function' ? r(this.index) : r ?? Infinity;
    if (rate === Infinity) {
      this.take(this.conn!.consume(end, t), t);
      this.checkEof(t);
      return;
    }
    if (this.reading) return;
    const readOne = (at: number) => {
      if (end.inbox.length === 0) {
        this.reading = false;
        this.checkEof(at);
        return;
      }
      this.reading = true;
      const chunk: Chunk = end.inbox[0];
      const done = Math.max(at, this.readingUntil) + chunk.bytes / rate;
      this.readingUntil = done;
      this.world.at(done, `${this.result.name} reads`, () => {
        this.take(this.conn!.consume(end, done, chunk.bytes), done);
        readOne(done);
      });
    };
    readOne(t);
  }

  sent(): void {
    /* a client never waits for its own buffer */
  }

  private take(text: string, t: number): void {
    if (text.length === 0) return;
    const r = this.result;
    r.bytes += byteLength(text);
    this.text += text;
    let nl: number;
    while ((nl = this.text.indexOf('\n')) >= 0) {
      r.received.push(this.text.slice(0, nl));
      this.text = this.text.slice(nl + 1);
      if (this.expecting !== 'none') {
        this.expecting = 'none';
        this.sendNext(t);
      }
    }
  }

  private checkEof(t: number): void {
    const end = this.end as End;
    if (!end.eof || end.inbox.length > 0 || this.result.state === 'done') return;
    if (!end.finQueued) this.conn!.end(end, t);
    const r = this.result;
    r.state = 'done';
    r.closedAt = t;
    r.sessionMs = t - r.arrivedAt;
    this.group.finished(t);
  }
}
