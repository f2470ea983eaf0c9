/**
 * The network as the trace records it (trace/format.ts NetConnect, NetClose, HttpRequest,
 * HttpResponse, HttpMessageEnd): its connections, and on each the HTTP exchanges it carried.
 * The timeline gives each connection a lane (lanes.ts) with an exchange as a bar from the
 * request to the end of the response; hover, the event descriptions and the companion read the
 * exchange from here.
 *
 * What the trace can and cannot say: a connection's id is shared by its two ends. The request
 * line (HttpRequest) is recorded by the server that parses it, so it is known only when the
 * server is the program's own; a request to a host outside the program (answered by a recording,
 * src/core/netrec) has its response head and body only. Such a connection's client end names
 * the host (`client :40001 → api.example.com:443`, against `→ :40000` on the loopback).
 */
import { EventKind, type ScannableTrace } from '../trace/format';

export interface HttpExchange {
  /** The connection id (trace events' a). */
  conn: number;
  /** Its number on the connection (1-based; keep-alive connections carry several). */
  n: number;
  /** HttpRequest (the server received its head): -1 when no server of the program received it. */
  requestSeq: number;
  /** HttpResponse (the client received its head), -1 while none came. */
  responseSeq: number;
  /** HttpMessageEnd of the response (the client read all of its body), -1 while it did not. */
  endSeq: number;
  /** `GET /items/3`, or '' when the request was not traced (a host outside the program). */
  request: string;
  /** `200 OK`, or '' without a response. */
  status: string;
  /** Body bytes of the request and of the response, -1 when unknown. */
  requestBytes: number;
  responseBytes: number;
}

export interface NetConnection {
  id: number;
  /** The client end's words (`client :40001 → :40000`), else the server end's. */
  label: string;
  /** A host outside the program answered it (the client end names a host). */
  outside: boolean;
  /** Its first NetConnect and its last NetClose (-1 while open). */
  openSeq: number;
  closeSeq: number;
  /** Indices into `NetIndex.exchanges`, in order. */
  exchanges: number[];
}

export interface NetIndex {
  /** In order of their first event. */
  connections: NetConnection[];
  /** Connections by id. */
  connectionById: Map<number, NetConnection>;
  exchanges: HttpExchange[];
  /** The exchange each HttpRequest / HttpResponse / HttpMessageEnd event belongs to. */
  exchangeOfSeq: Map<number, number>;
  /**
   * How the outside hosts' exchanges are marked, from meta.network: `replayed` (from a
   * recording), `recorded` (performed for real just now), both when the run did both (the trace
   * does not say which exchange was which), '' when it did neither.
   */
  outsideMark: '' | 'replayed' | 'recorded' | 'replayed or recorded';
}

const indexes = new WeakMap<ScannableTrace, NetIndex>();

/** The trace's network, built on first use. */
export function netIndex(trace: ScannableTrace): NetIndex {
  let index = indexes.get(trace);
  if (!index) indexes.set(trace, (index = buildNetIndex(trace)));
  return index;
}

function buildNetIndex(trace: ScannableTrace): NetIndex {
  const { kind, a, b, c } = trace.events;
  const connections: NetConnection[] = [];
  const exchanges: HttpExchange[] = [];
  const exchangeOfSeq = new Map<number, number>();
  const byId = new Map<number, NetConnection>();
  /** Per connection: its exchanges by number, and the last request / response head announced (HttpMessageEnd's c = 1 / 2). */
  const byNumber = new Map<number, Map<number, number>>();
  const lastHead = new Map<number, [number, number]>();
  const str = (i: number): string => trace.strings[b[i]] ?? '';
  const connection = (id: number, seq: number): NetConnection => {
    let conn = byId.get(id);
    if (!conn) {
      conn = { id, label: `connection #${id}`, outside: false, openSeq: seq, closeSeq: -1, exchanges: [] };
      byId.set(id, conn);
      connections.push(conn);
    }
    return conn;
  };
  const exchange = (conn: NetConnection, n: number): number => {
    let numbers = byNumber.get(conn.id);
    if (!numbers) byNumber.set(conn.id, (numbers = new Map()));
    let x = numbers.get(n);
    if (x === undefined) {
      x = exchanges.push({ conn: conn.id, n, requestSeq: -1, responseSeq: -1, endSeq: -1, request: '', status: '', requestBytes: -1, responseBytes: -1 }) - 1;
      numbers.set(n, x);
      conn.exchanges.push(x);
    }
    return x;
  };
  for (let i = 0; i < kind.length; i++) {
    switch (kind[i]) {
      case EventKind.NetConnect: {
        const conn = connection(a[i], i);
        const words = str(i);
        if (c[i] === 1 || conn.label.startsWith('connection #')) conn.label = words;
        // The loopback's client end says `→ :40000`; one to a host outside the program names it.
        if (c[i] === 1) conn.outside = /→ [^:\s]+:\d+$/.test(words);
        break;
      }
      case EventKind.NetClose:
        connection(a[i], i).closeSeq = i;
        break;
      case EventKind.HttpRequest:
      case EventKind.HttpResponse: {
        const conn = connection(a[i], i);
        const x = exchange(conn, c[i]);
        const ex = exchanges[x];
        if (kind[i] === EventKind.HttpRequest) {
          ex.requestSeq = i;
          ex.request = str(i);
        } else {
          ex.responseSeq = i;
          ex.status = str(i);
        }
        exchangeOfSeq.set(i, x);
        const heads = lastHead.get(conn.id) ?? [-1, -1];
        heads[kind[i] === EventKind.HttpRequest ? 0 : 1] = x;
        lastHead.set(conn.id, heads);
        break;
      }
      case EventKind.HttpMessageEnd: {
        const x = lastHead.get(a[i])?.[c[i] === 1 ? 0 : 1] ?? -1;
        if (x < 0) break;
        const ex = exchanges[x];
        if (c[i] === 1) ex.requestBytes = b[i];
        else {
          ex.responseBytes = b[i];
          ex.endSeq = i;
        }
        exchangeOfSeq.set(i, x);
        break;
      }
      default: break;
    }
  }
  const replayed = (trace.meta.network?.replayed ?? 0) > 0;
  const recorded = (trace.meta.network?.recorded ?? 0) > 0;
  const outsideMark = replayed && recorded ? 'replayed or recorded' : replayed ? 'replayed' : recorded ? 'recorded' : '';
  return { connections, connectionById: byId, exchanges, exchangeOfSeq, outsideMark };
}

/** The connection's lane label: its client end's words, `(replayed)` added for an outside host's in a replayed run (NetIndex.outsideMark). */
export function connectionLabel(index: NetIndex, conn: NetConnection): string {
  return conn.outside && index.outsideMark ? `${conn.label} (${index.outsideMark})` : conn.label;
}

/** An exchange's bar label: `GET /items/3 → 200`, `request #2 → 404` when the request line is unknown, `GET / → …` while unanswered. */
export function exchangeLabel(index: NetIndex, x: number): string {
  const ex = index.exchanges[x];
  const status = ex.status ? ex.status.split(' ')[0] : '…';
  const mark = index.outsideMark && isOutside(index, ex) ? ` (${index.outsideMark})` : '';
  return `${ex.request || `request #${ex.n}`} → ${status}${mark}`;
}

function isOutside(index: NetIndex, ex: HttpExchange): boolean {
  return index.connectionById.get(ex.conn)?.outside ?? false;
}

const OUTSIDE_WORDS: Record<NetIndex['outsideMark'] & string, string> = {
  '': '',
  replayed: 'replayed from the recording',
  recorded: 'performed for real and recorded',
  'replayed or recorded': 'replayed from the recording or performed for real and recorded (the run did both)',
};

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'byte' : 'bytes'}`;
}

/**
 * An exchange in words, one line per fact: what it was, its status and sizes, its time to first
 * byte (the server received the request's head → the client received the response's head), and
 * how long until the response was read. `time` formats a duration (axis.ts formatDuration).
 */
export function exchangeLines(trace: ScannableTrace, index: NetIndex, x: number, time: (ms: number) => string): string[] {
  const ex = index.exchanges[x];
  const { t } = trace.events;
  const conn = index.connectionById.get(ex.conn);
  const lines = [`HTTP ${ex.request || `request #${ex.n} (request line not traced: a host outside the program answered)`}`];
  lines.push(ex.status ? `status ${ex.status}` : 'no response yet');
  const sizes: string[] = [];
  if (ex.requestBytes > 0) sizes.push(`request body ${bytes(ex.requestBytes)}`);
  if (ex.responseBytes >= 0) sizes.push(`response body ${bytes(ex.responseBytes)}`);
  if (sizes.length > 0) lines.push(sizes.join(', '));
  if (ex.requestSeq >= 0 && ex.responseSeq >= 0) lines.push(`time to first byte ${time(t[ex.responseSeq] - t[ex.requestSeq])}`);
  // Without the request's moment (an outside host), the first response still says how long after the connection it came.
  else if (ex.responseSeq >= 0 && ex.n === 1 && conn) lines.push(`response head ${time(t[ex.responseSeq] - t[conn.openSeq])} after the connection was established`);
  const start = ex.requestSeq >= 0 ? ex.requestSeq : ex.responseSeq;
  if (start >= 0 && ex.endSeq >= 0) lines.push(`${time(t[start])} → ${time(t[ex.endSeq])} (${time(t[ex.endSeq] - t[start])})`);
  if (conn) lines.push(`on connection #${conn.id}: ${conn.label} (#${ex.n} on it)`);
  if (conn?.outside && index.outsideMark) lines.push(`${OUTSIDE_WORDS[index.outsideMark]} (a host outside the program)`);
  return lines;
}
