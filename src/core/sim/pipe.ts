/**
 * One simulated TCP connection: two ends, each with a send buffer, a link with latency and
 * bandwidth, and a receive window at the other end.
 *
 * Why back-pressure shows: a chunk leaves the sender's buffer only when the link is free and
 * the receiver has room for it (bytes in its inbox + bytes on the wire ≤ its window). A
 * receiver that reads slowly keeps its inbox full, the sender's buffer fills, and the
 * simulated `socket.write()` returns false until 'drain' — as a real kernel buffer does.
 *
 * Ends are owned either by a user-facing Socket (src/core/sim/net.ts) or by a scripted client
 * (clients.ts); the owner is told when data arrives and when written bytes left the buffer.
 * All times are virtual ms; the world's event queue orders everything.
 */
import type { World } from './world';

export interface LinkOptions {
  /** One-way latency (ms). */
  latencyMs: number;
  /** Bytes per ms (1 byte/ms = 1 kB/s); Infinity = no bandwidth limit. */
  bytesPerMs: number;
  /** Bytes the receiver holds before the sender must wait (the TCP window). */
  recvWindowBytes: number;
}

export const DEFAULT_LINK: LinkOptions = { latencyMs: 1, bytesPerMs: Infinity, recvWindowBytes: 64 * 1024 };

export interface Chunk {
  data: string;
  bytes: number;
  /** When it arrived (inbox) or was written (out queue). */
  t: number;
  /** The end-of-stream marker (end()). */
  fin?: boolean;
  /** With fin: the connection was reset (RST), not closed in order. */
  rst?: boolean;
  /** Called when the chunk left the send buffer. */
  onSent?: (t: number) => void;
}

export interface EndOwner {
  /** Data or end-of-stream arrived in `end`'s inbox at time t. */
  arrived(end: End, t: number): void;
  /** A chunk of `end` left its send buffer at time t. */
  sent(end: End, t: number, chunk: Chunk): void;
}

export class End {
  readonly inbox: Chunk[] = [];
  inboxBytes = 0;
  /** End-of-stream received (after every inbox chunk). */
  eof = false;
  eofAt = Infinity;
  /** The end-of-stream was a reset (the peer closed with unread data, or reset on purpose). */
  rst = false;
  /** Queued for the link, not yet sent. */
  readonly out: Chunk[] = [];
  /** Bytes written and not yet sent (Node's writableLength). */
  buffered = 0;
  /** Last time bytes left the send buffer (when a blocked writer may continue). */
  roomAt = 0;
  finQueued = false;
  finSent = false;
  bytesRead = 0;
  bytesWritten = 0;
  peer!: End;
  owner: EndOwner | undefined;
  /** Sending is waiting for room in the peer's window. */
  stalled = false;
  busy = false;
  linkFreeAt = 0;
  /** When the last segment sent from this end arrives: a link delivers in order, whatever its latencies. */
  lastArrival = 0;
  inflight = 0;

  constructor(
    readonly conn: Connection,
    readonly side: 'client' | 'server',
  ) {}

  /** Time since which the inbox has something to read (or EOF), undefined if nothing. */
  readableAt(): number | undefined {
    if (this.inbox.length > 0) return this.inbox[0].t;
    if (this.eof) return this.eofAt;
    return undefined;
  }
}

/** Characters per segment on the wire (about TCP's MSS). */
const SEGMENT = 1460;

let nextConnectionId = 1;

export class Connection {
  readonly id = nextConnectionId++;
  readonly client: End;
  readonly server: End;

  constructor(
    readonly world: World,
    readonly link: LinkOptions,
    /** Readable name for traces and reports ("client 3 → :7000"). */
    readonly label: string,
  ) {
    this.client = new End(this, 'client');
    this.server = new End(this, 'server');
    this.client.peer = this.server;
    this.server.peer = this.client;
  }

  /**
   * Queues data from `from` at time t. Returns the bytes now buffered. `binary`: every char
   * is one byte (latin1, how Node's http in the sandbox carries Buffers); else text as UTF-8.
   */
  write(from: End, data: string, t: number, onSent?: (t: number) => void, binary = false): number {
    if (from.finQueued) throw new Error('write after end');
    if (data.length === 0) {
      // Nothing travels; the write still completes (its callback runs), as in Node.
      if (onSent) this.world.at(t, `empty write ${this.label}`, () => onSent(t));
      return from.buffered;
    }
    // Large writes travel as segments (as TCP's), so a reader sees the first bytes early.
    for (let i = 0; i < data.length; i += SEGMENT) {
      const part = data.length <= SEGMENT ? data : data.slice(i, i + SEGMENT);
      const bytes = binary ? part.length : byteLength(part);
      const last = i + SEGMENT >= data.length;
      from.out.push({ data: part, bytes, t, onSent: last ? onSent : undefined });
      from.buffered += bytes;
      from.bytesWritten += bytes;
    }
    this.pump(from, t);
    return from.buffered;
  }

  /** Queues the end-of-stream marker after everything written. */
  end(from: End, t: number, rst = false): void {
    if (from.finQueued) return;
    from.finQueued = true;
    from.out.push({ data: '', bytes: 0, t, fin: true, rst });
    this.pump(from, t);
  }

  /**
   * Takes up to `maxBytes` of `end`'s inbox at time t (everything by default); returns '' at
   * EOF with nothing left. Freed window lets the peer send again.
   */
  consume(end: End, t: number, maxBytes = Infinity): string {
    let text = '';
    let taken = 0;
    while (end.inbox.length > 0 && taken < maxBytes) {
      const c = end.inbox[0];
      if (taken + c.bytes <= maxBytes) {
        end.inbox.shift();
        text += c.data;
        taken += c.bytes;
      } else {
        const n = maxBytes - taken;
        text += c.data.slice(0, n);
        c.data = c.data.slice(n);
        c.bytes -= n;
        taken += n;
      }
    }
    end.inboxBytes -= taken;
    end.bytesRead += taken;
    if (taken > 0 && end.peer.stalled) this.pump(end.peer, t);
    return text;
  }

  /** Moves the next chunk of x onto the link if the link is free and the peer has room. */
  private pump(x: End, t: number): void {
    if (x.busy || x.out.length === 0) return;
    const c = x.out[0];
    const y = x.peer;
    const used = y.inboxBytes + x.inflight;
    if (!c.fin && used > 0 && used + c.bytes > this.link.recvWindowBytes) {
      x.stalled = true;
      return;
    }
    x.stalled = false;
    x.out.shift();
    x.busy = true;
    const start = Math.max(t, x.linkFreeAt);
    const sentAt = start + (c.bytes === 0 || this.link.bytesPerMs === Infinity ? 0 : c.bytes / this.link.bytesPerMs);
    x.linkFreeAt = sentAt;
    this.world.at(sentAt, `send ${this.label}`, () => {
      x.busy = false;
      x.buffered -= c.bytes;
      x.inflight += c.bytes;
      x.roomAt = sentAt;
      if (c.fin) x.finSent = true;
      c.onSent?.(sentAt);
      x.owner?.sent(x, sentAt, c);
      const arrival = Math.max(x.lastArrival, sentAt + this.world.latency(this.link.latencyMs));
      x.lastArrival = arrival;
      this.world.at(arrival, `arrive ${this.label}`, () => {
        x.inflight -= c.bytes;
        if (c.fin) {
          y.eof = true;
          y.eofAt = arrival;
          y.rst = c.rst === true;
        } else {
          y.inbox.push({ data: c.data, bytes: c.bytes, t: arrival });
          y.inboxBytes += c.bytes;
        }
        y.owner?.arrived(y, arrival);
      });
      this.pump(x, sentAt);
    });
  }
}

/** Bytes of a string as UTF-8 (what a socket would carry). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
