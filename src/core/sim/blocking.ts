/**
 * Blocking socket calls — what a thread-per-client or sequential server uses (as C's accept,
 * read, write, select). Each blocks only the calling simulated thread: its clock moves to
 * the moment the call could return, recorded as a Block event, while the world runs the
 * network and the other threads. Sockets used this way should not also have 'data' listeners.
 */
import { byteLength } from './pipe';
import type { Server, Socket } from './net';
import type { World } from './world';

/** Waits for the next connection in the server's backlog; null once the server is closed. */
export function acceptSync(world: World, server: Server): Socket | null {
  const ok = world.blockUntil(`accept on :${server.port}`, () => (server.backlog.length > 0 ? server.backlog[0].t : !server.listening ? world.now() : undefined), Infinity, 'sim.acceptSync');
  if (!ok || server.backlog.length === 0) return null;
  const { socket } = server.backlog.shift() as { socket: Socket; t: number };
  socket.setOwner(world.current);
  return socket;
}

/** Reads what is there (up to maxBytes), waiting if nothing is; null at end of stream. */
export function readSync(world: World, socket: Socket, maxBytes = Infinity): string | null {
  socket.setOwner(world.current);
  const end = socket.pipeEnd;
  if (socket.pendingText.length > 0) {
    const text = socket.pendingText.slice(0, maxBytes);
    socket.pendingText = socket.pendingText.slice(text.length);
    return text;
  }
  world.blockUntil(`read from ${socket.label}`, () => end.readableAt(), Infinity, 'sim.readSync');
  if (end.inbox.length === 0) return atEof(socket);
  return end.conn.consume(end, world.now(), maxBytes);
}

/** Reads one line (without its newline); null at end of stream. */
export function readLineSync(world: World, socket: Socket): string | null {
  for (;;) {
    const nl = socket.pendingText.indexOf('\n');
    if (nl >= 0) {
      const line = socket.pendingText.slice(0, nl);
      socket.pendingText = socket.pendingText.slice(nl + 1);
      return line;
    }
    const end = socket.pipeEnd;
    socket.setOwner(world.current);
    world.blockUntil(`read a line from ${socket.label}`, () => end.readableAt(), Infinity, 'sim.readLineSync');
    if (end.inbox.length === 0) {
      const rest = socket.pendingText;
      socket.pendingText = '';
      return rest.length > 0 ? rest : atEof(socket);
    }
    socket.pendingText += end.conn.consume(end, world.now());
  }
}

/** Writes everything, waiting while the send buffer is full (a slow reader makes it wait). */
export function writeSync(world: World, socket: Socket, data: string): number {
  const end = socket.pipeEnd;
  const limit = socket.net.highWaterMark;
  if (end.buffered >= limit) world.blockUntil(`write to ${socket.label} (send buffer full)`, () => (end.buffered < limit ? end.roomAt : undefined), Infinity, 'sim.writeSync');
  if (socket.writableEnded) throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  end.conn.write(end, data, world.now());
  return byteLength(data);
}

/**
 * Non-blocking write (send(2) on a non-blocking socket): takes what fits in the send buffer
 * now and returns how many characters it took; the caller keeps the rest for later.
 */
export function writeSome(world: World, socket: Socket, data: string): number {
  const end = socket.pipeEnd;
  const room = socket.net.highWaterMark - end.buffered;
  if (room <= 0 || data.length === 0) return 0;
  if (socket.writableEnded) throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  const part = data.slice(0, room);
  end.conn.write(end, part, world.now());
  return part.length;
}

/** Closes the sending direction (FIN) after everything written. */
export function endSync(world: World, socket: Socket): void {
  if (!socket.writableEnded) {
    socket.writableEnded = true;
    socket.pipeEnd.conn.end(socket.pipeEnd, world.now());
  }
  socket.maybeClose();
}

/** The peer ended: the reading direction is finished (the socket closes once both are). */
function atEof(socket: Socket): null {
  socket.readableEnded = true;
  socket.maybeClose();
  return null;
}

export type Selectable = Socket | Server;

export interface Readiness<T> {
  /** Sockets with data or end-of-stream to read; servers with a connection to accept. */
  readable: T[];
  /** Sockets whose send buffer has room: a write will not block. */
  writable: T[];
}

/** When `x` became readable, or undefined. */
function readableAt(x: Selectable): number | undefined {
  if ('backlog' in x) return x.backlog.length > 0 ? x.backlog[0].t : undefined;
  if (x.pendingText.length > 0) return 0;
  return x.pipeEnd.readableAt();
}

function writableAt(x: Selectable): number | undefined {
  if ('backlog' in x) return undefined;
  return x.pipeEnd.buffered < x.net.highWaterMark ? x.pipeEnd.roomAt : undefined;
}

/**
 * select(2)/poll(2): which of these are ready now? Blocks until at least one is, or until
 * `timeoutMs` (0 = just look, the default Infinity = wait).
 */
export function select<T extends Selectable>(world: World, read: readonly T[], write: readonly T[] = [], timeoutMs = Infinity): Readiness<T> {
  const t0 = world.now();
  const readyAt = (): number | undefined => {
    let best: number | undefined;
    for (const x of read) {
      const r = readableAt(x);
      if (r !== undefined && (best === undefined || r < best)) best = r;
    }
    for (const x of write) {
      const w = writableAt(x);
      if (w !== undefined && (best === undefined || w < best)) best = w;
    }
    return best;
  };
  for (const x of [...read, ...write]) if (!('backlog' in x)) x.setOwner(world.current);
  world.blockUntil(`select on ${read.length + write.length} sockets`, readyAt, t0 + timeoutMs, 'sim.select');
  return {
    readable: read.filter((x) => readableAt(x) !== undefined),
    writable: write.filter((x) => writableAt(x) !== undefined),
  };
}
