/**
 * Node's `http_parser` binding (src/node_http_parser.cc over llhttp) in JavaScript: the same
 * class, methods and callbacks lib/_http_common.js, _http_server.js and _http_client.js use, with
 * the callbacks made at the same points of a parse:
 *
 * - kOnHeaders(headers, url): only when a message has more than 32 header fields (the binding
 *   flushes every 32), and for trailers before kOnMessageComplete;
 * - kOnHeadersComplete(major, minor, headers, method, url, statusCode, statusMessage, upgrade,
 *   shouldKeepAlive) once the header section is complete (headers and url undefined if they were
 *   flushed); its result 1 means "no body" (a HEAD response), 2 "no body, upgrade";
 * - kOnBody(buffer) for each span of body bytes in the data being executed (one per chunk of a
 *   chunked body);
 * - kOnMessageComplete() at the end of each message; a keep-alive parser goes on with the next
 *   message in the same data (pipelining).
 * - execute(data) returns the bytes consumed, or an Error with bytesParsed, code (HPE_…) and
 *   reason; finish() ends a body that runs until EOF, or reports an incomplete message.
 *
 * Message length rules are RFC 9112's (and llhttp's): requests have a body only with
 * Content-Length or chunked Transfer-Encoding; responses to HEAD, 1xx, 204 and 304 have none; a
 * response with neither header runs until the connection closes.
 *
 * ConnectionsList is the server's table of its parsers (all / idle / active / expired), which
 * _http_server.js uses for closeIdleConnections, closeAllConnections and the headersTimeout /
 * requestTimeout check; times are the simulated clock's (performance.now()).
 */

// llhttp's method numbers (llhttp.h HTTP_ALL_METHOD_MAP).
import { EventKind } from '../../trace/format';
import { recordNet } from './trace';

const ALL_METHODS = [
  'DELETE', 'GET', 'HEAD', 'POST', 'PUT', 'CONNECT', 'OPTIONS', 'TRACE', 'COPY', 'LOCK', 'MKCOL', 'MOVE',
  'PROPFIND', 'PROPPATCH', 'SEARCH', 'UNLOCK', 'BIND', 'REBIND', 'UNBIND', 'ACL', 'REPORT', 'MKACTIVITY',
  'CHECKOUT', 'MERGE', 'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PATCH', 'PURGE', 'MKCALENDAR',
  'LINK', 'UNLINK', 'SOURCE', 'PRI', 'DESCRIBE', 'ANNOUNCE', 'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN',
  'GET_PARAMETER', 'SET_PARAMETER', 'REDIRECT', 'RECORD', 'FLUSH', 'QUERY',
];
// The HTTP (not RTSP) ones, in map order: Node's http.METHODS is this list sorted.
const HTTP_METHODS = ALL_METHODS.slice(0, 34).concat(['QUERY']);

export const methods = HTTP_METHODS;
export const allMethods = ALL_METHODS;

const MAX_FIELDS_PER_FLUSH = 32;
const DEFAULT_MAX_HEADER_SIZE = 16 * 1024;

type State = 'start' | 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-data-end' | 'trailers' | 'body-eof' | 'upgraded';

function now(): number {
  return performance.now();
}

class ParseError extends Error {
  bytesParsed = 0;
  code: string;
  reason: string;
  constructor(code: string, reason: string) {
    super('Parse Error');
    this.code = code;
    this.reason = reason;
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class HTTPParser {
  static readonly REQUEST = 1;
  static readonly RESPONSE = 2;
  static readonly kOnMessageBegin = 0;
  static readonly kOnHeaders = 1;
  static readonly kOnHeadersComplete = 2;
  static readonly kOnBody = 3;
  static readonly kOnMessageComplete = 4;
  static readonly kOnExecute = 5;
  static readonly kOnTimeout = 6;
  static readonly kLenientNone = 0;
  static readonly kLenientHeaders = 1;
  static readonly kLenientChunkedLength = 2;
  static readonly kLenientKeepAlive = 4;
  static readonly kLenientAll = 7;

  [k: number]: any;
  private type = HTTPParser.REQUEST;
  private maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
  private state: State = 'start';
  /** Bytes of an unfinished header section or chunk-size line, kept across executes. */
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private keepAlive = true;
  private upgrade = false;
  private skipBody = false;
  private paused = false;
  private current: Buffer | undefined;
  private list: ConnectionsList | undefined;
  lastMessageStart = 0;
  headersCompleted = false;
  /** Set by Node's JS: the socket this parser reads (its handle names the connection in the trace). */
  socket: { _handle?: { connectionId?: number; httpMessages?: number } | null } | null = null;
  private bodyBytes = 0;
  private traced = 0;

  initialize(type: number, _resource: unknown, maxHeaderSize?: number, _lenient?: number, connections?: ConnectionsList): void {
    this.type = type;
    this.maxHeaderSize = maxHeaderSize && maxHeaderSize > 0 ? maxHeaderSize : DEFAULT_MAX_HEADER_SIZE;
    this.state = 'start';
    this.pending = Buffer.alloc(0);
    this.paused = false;
    this.headersCompleted = false;
    this.list = connections;
    if (connections) {
      this.lastMessageStart = now();
      connections.push(this);
      connections.pushActive(this);
    }
  }

  close(): void {}
  free(): void {}
  remove(): void {
    this.list?.pop(this);
    this.list?.popActive(this);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  consume(): void {}
  unconsume(): void {}
  getCurrentBuffer(): Buffer {
    return this.current ?? Buffer.alloc(0);
  }
  duration(): number {
    return 0;
  }
  headersCompletedFlag(): boolean {
    return this.headersCompleted;
  }

  execute(data: Buffer): number | ParseError {
    this.current = data;
    try {
      return this.run(data);
    } catch (e) {
      if (e instanceof ParseError) return e;
      throw e;
    } finally {
      this.current = undefined;
    }
  }

  finish(): ParseError | undefined {
    if (this.state === 'body-eof') {
      this.state = 'start';
      this.messageComplete();
      return undefined;
    }
    if (this.state === 'start' || this.state === 'upgraded') return undefined;
    if (this.state === 'head' && this.pending.length === 0) return undefined;
    const e = new ParseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state');
    e.bytesParsed = 0;
    return e;
  }

  private fail(code: string, reason: string, at: number): never {
    const e = new ParseError(code, reason);
    e.bytesParsed = at;
    throw e;
  }

  private run(data: Buffer): number {
    let i = 0;
    const n = data.length;
    while (i < n) {
      switch (this.state) {
        case 'upgraded':
          return i;
        case 'start':
          // Blank lines before a message are skipped (llhttp does so between messages).
          if (data[i] === 0x0d || data[i] === 0x0a) {
            i++;
            continue;
          }
          this.messageBegin();
          this.state = 'head';
          continue;
        case 'head': {
          const before = this.pending.length;
          const chunk = Buffer.concat([this.pending, data.subarray(i)]);
          let end = chunk.indexOf('\r\n\r\n');
          let sep = 4;
          const lf = chunk.indexOf('\n\n');
          if (lf >= 0 && (end < 0 || lf < end)) {
            end = lf;
            sep = 2;
          }
          if (end < 0) {
            if (chunk.length > this.maxHeaderSize) this.fail('HPE_HEADER_OVERFLOW', 'Header overflow', n);
            this.pending = chunk;
            return n;
          }
          if (end > this.maxHeaderSize) this.fail('HPE_HEADER_OVERFLOW', 'Header overflow', i);
          this.pending = Buffer.alloc(0);
          const consumed = end + sep - before;
          i += consumed;
          const r = this.headSection(chunk.subarray(0, end).toString('latin1'), i);
          if (r === 'upgrade') {
            this.state = 'upgraded';
            return i;
          }
          continue;
        }
        case 'body': {
          const take = Math.min(this.remaining, n - i);
          const slice = data.subarray(i, i + take);
          i += take;
          this.remaining -= take;
          if (take > 0) this.body(slice);
          if (this.remaining === 0) {
            this.state = 'start';
            this.messageComplete();
          }
          continue;
        }
        case 'body-eof': {
          const slice = data.subarray(i);
          i = n;
          this.body(slice);
          continue;
        }
        case 'chunk-size': {
          const chunk = Buffer.concat([this.pending, data.subarray(i)]);
          const nl = chunk.indexOf('\n');
          if (nl < 0) {
            if (chunk.length > 1024) this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', i);
            this.pending = chunk;
            return n;
          }
          const before = this.pending.length;
          this.pending = Buffer.alloc(0);
          i += nl + 1 - before;
          const line = chunk.subarray(0, nl).toString('latin1').replace(/\r$/, '');
          const sizeText = line.split(';')[0].trim();
          if (!/^[0-9a-fA-F]+$/.test(sizeText)) this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', i);
          const size = parseInt(sizeText, 16);
          if (size === 0) {
            this.state = 'trailers';
          } else {
            this.remaining = size;
            this.state = 'chunk-data';
          }
          continue;
        }
        case 'chunk-data': {
          const take = Math.min(this.remaining, n - i);
          const slice = data.subarray(i, i + take);
          i += take;
          this.remaining -= take;
          if (take > 0) this.body(slice);
          if (this.remaining === 0) {
            this.state = 'chunk-data-end';
            this.pending = Buffer.alloc(0);
          }
          continue;
        }
        case 'chunk-data-end': {
          const c = data[i];
          if (c === 0x0d && this.pending.length === 0) {
            this.pending = Buffer.from([0x0d]);
            i++;
            continue;
          }
          if (c === 0x0a) {
            this.pending = Buffer.alloc(0);
            i++;
            this.state = 'chunk-size';
            continue;
          }
          this.fail('HPE_STRICT', 'Expected LF after chunk data', i);
          break;
        }
        case 'trailers': {
          const chunk = Buffer.concat([this.pending, data.subarray(i)]);
          const before = this.pending.length;
          // Either an empty line right away, or trailer fields up to an empty line.
          let end: number;
          let sep: number;
          if (chunk[0] === 0x0a) {
            end = 0;
            sep = 1;
          } else if (chunk[0] === 0x0d && chunk[1] === 0x0a) {
            end = 0;
            sep = 2;
          } else if (chunk.length < 2 && chunk[0] === 0x0d) {
            this.pending = chunk;
            return n;
          } else {
            end = chunk.indexOf('\r\n\r\n');
            sep = 4;
            if (end < 0) {
              this.pending = chunk;
              return n;
            }
          }
          this.pending = Buffer.alloc(0);
          i += end + sep - before;
          if (end > 0) {
            const fields = this.fields(chunk.subarray(0, end).toString('latin1').split(/\r?\n/), i);
            if (fields.length > 0) this.callback(HTTPParser.kOnHeaders, fields, '');
          }
          this.state = 'start';
          this.messageComplete();
          continue;
        }
      }
    }
    return n;
  }

  private messageBegin(): void {
    this.headersCompleted = false;
    if (this.list) {
      this.lastMessageStart = now();
      this.list.pushActive(this);
    }
    const cb = this[HTTPParser.kOnMessageBegin];
    if (typeof cb === 'function') cb.call(this);
  }

  private fields(lines: string[], at: number): string[] {
    const out: string[] = [];
    for (const line of lines) {
      if (line === '') continue;
      if ((line[0] === ' ' || line[0] === '\t') && out.length > 0) {
        // obs-fold: a continuation of the previous value.
        out[out.length - 1] += ' ' + line.trim();
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', at);
      const name = line.slice(0, colon);
      if (!TOKEN.test(name)) this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', at);
      out.push(name, line.slice(colon + 1).trim());
    }
    return out;
  }

  /** The header section (start line and fields, without the final empty line). */
  private headSection(text: string, at: number): 'upgrade' | 'ok' {
    const lines = text.split(/\r?\n/);
    const start = lines[0];
    let method = -1;
    let url = '';
    let major: number;
    let minor: number;
    let statusCode = 0;
    let statusMessage = '';
    if (this.type === HTTPParser.REQUEST) {
      const m = /^([A-Z_-]+) (\S+) HTTP\/(\d)\.(\d)$/.exec(start);
      if (!m) {
        const sp = start.indexOf(' ');
        const name = sp < 0 ? start : start.slice(0, sp);
        if (!ALL_METHODS.includes(name)) this.fail('HPE_INVALID_METHOD', 'Invalid method encountered', 0);
        if (!/ HTTP\/\d\.\d$/.test(start)) this.fail('HPE_INVALID_CONSTANT', 'Expected HTTP/', at);
        this.fail('HPE_INVALID_URL', 'Invalid URL', at);
      }
      method = ALL_METHODS.indexOf(m[1]);
      if (method < 0) this.fail('HPE_INVALID_METHOD', 'Invalid method encountered', 0);
      url = m[2];
      major = Number(m[3]);
      minor = Number(m[4]);
    } else {
      const m = /^HTTP\/(\d)\.(\d) (\d{3})(?: (.*))?$/.exec(start);
      if (!m) this.fail('HPE_INVALID_CONSTANT', 'Expected HTTP/', 0);
      major = Number(m[1]);
      minor = Number(m[2]);
      statusCode = Number(m[3]);
      statusMessage = m[4] ?? '';
    }
    const fields = this.fields(lines.slice(1), at);

    // Framing and connection semantics from the fields.
    let contentLength = -1;
    let chunked = false;
    let connection = '';
    let hasUpgradeHeader = false;
    let hasTransferEncoding = false;
    for (let f = 0; f < fields.length; f += 2) {
      const name = fields[f].toLowerCase();
      const value = fields[f + 1];
      if (name === 'content-length') {
        if (!/^\d+$/.test(value)) this.fail('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length', at);
        if (contentLength >= 0 && Number(value) !== contentLength) this.fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length', at);
        contentLength = Number(value);
      } else if (name === 'transfer-encoding') {
        hasTransferEncoding = true;
        const codings = value.toLowerCase().split(',').map((s) => s.trim());
        chunked = codings[codings.length - 1] === 'chunked';
      } else if (name === 'connection') {
        connection += (connection ? ',' : '') + value.toLowerCase();
      } else if (name === 'upgrade') {
        hasUpgradeHeader = true;
      }
    }
    if (hasTransferEncoding && contentLength >= 0) {
      this.fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Content-Length can\'t be present with Transfer-Encoding', at);
    }
    const tokens = connection.split(',').map((s) => s.trim());
    const isRequest = this.type === HTTPParser.REQUEST;
    let upgrade = isRequest ? (hasUpgradeHeader && tokens.includes('upgrade')) || ALL_METHODS[method] === 'CONNECT' : statusCode === 101;
    const http11 = major > 1 || (major === 1 && minor >= 1);
    const keepAlive = http11 ? !tokens.includes('close') : tokens.includes('keep-alive');

    // Hand the fields over as the binding does: in batches of 32 when there are more.
    let headersArg: string[] | undefined = fields;
    let urlArg: string | undefined = url;
    if (fields.length / 2 > MAX_FIELDS_PER_FLUSH) {
      for (let f = 0; f < fields.length; f += MAX_FIELDS_PER_FLUSH * 2) {
        this.callback(HTTPParser.kOnHeaders, fields.slice(f, f + MAX_FIELDS_PER_FLUSH * 2), f === 0 ? url : '');
      }
      headersArg = undefined;
      urlArg = undefined;
    }

    // Whether a response's body runs to EOF (it then cannot keep the connection alive).
    const noBodyStatus = !isRequest && ((statusCode >= 100 && statusCode < 200) || statusCode === 204 || statusCode === 304);
    const needsEof = !isRequest && !noBodyStatus && !chunked && contentLength < 0;
    const shouldKeepAlive = keepAlive && !needsEof;
    this.headersCompleted = true;
    this.traceHead(isRequest, isRequest ? `${ALL_METHODS[method]} ${url}` : `${statusCode} ${statusMessage}`.trimEnd());
    const ret = this.callback(HTTPParser.kOnHeadersComplete, major, minor, headersArg, isRequest ? method : undefined, urlArg, isRequest ? undefined : statusCode, isRequest ? undefined : statusMessage, upgrade, shouldKeepAlive);
    if (ret === -1) this.fail('HPE_CB_HEADERS_COMPLETE', 'User callback error', at);
    this.skipBody = ret === 1 || ret === 2;
    if (ret === 2) upgrade = true;
    this.upgrade = upgrade;
    this.keepAlive = shouldKeepAlive;

    if (upgrade && (isRequest || statusCode === 101)) {
      // llhttp pauses after the headers of an upgrade (HPE_PAUSED_UPGRADE): the rest is the new protocol's.
      this.messageComplete();
      return 'upgrade';
    }
    if (this.skipBody || noBodyStatus) {
      this.state = 'start';
      this.messageComplete();
    } else if (chunked) {
      this.state = 'chunk-size';
    } else if (contentLength > 0) {
      this.remaining = contentLength;
      this.state = 'body';
    } else if (contentLength === 0 || isRequest) {
      this.state = 'start';
      this.messageComplete();
    } else {
      this.state = 'body-eof';
    }
    return 'ok';
  }

  private traceHead(isRequest: boolean, what: string): void {
    const handle = this.socket?._handle;
    const id = handle?.connectionId ?? 0;
    this.traced = id;
    this.bodyBytes = 0;
    if (id === 0) return;
    const n = (handle!.httpMessages = (handle!.httpMessages ?? 0) + 1);
    recordNet(isRequest ? EventKind.HttpRequest : EventKind.HttpResponse, id, what, n);
  }

  private body(slice: Buffer): void {
    this.bodyBytes += slice.length;
    this.callback(HTTPParser.kOnBody, Buffer.from(slice));
  }

  private messageComplete(): void {
    if (this.list) this.list.popActive(this);
    if (this.traced !== 0) recordNet(EventKind.HttpMessageEnd, this.traced, this.bodyBytes, this.type === HTTPParser.REQUEST ? 1 : 2);
    this.traced = 0;
    this.callback(HTTPParser.kOnMessageComplete);
  }

  private callback(index: number, ...args: unknown[]): unknown {
    const cb = this[index];
    if (typeof cb !== 'function') return undefined;
    return cb.apply(this, args);
  }
}

/** The server's table of its connections' parsers (node_http_parser.cc ConnectionsList). */
export class ConnectionsList {
  private readonly allSet = new Set<HTTPParser>();
  private readonly activeSet = new Set<HTTPParser>();

  push(p: HTTPParser): void {
    this.allSet.add(p);
  }
  pop(p: HTTPParser): void {
    this.allSet.delete(p);
  }
  pushActive(p: HTTPParser): void {
    this.activeSet.add(p);
  }
  popActive(p: HTTPParser): void {
    this.activeSet.delete(p);
  }
  all(): HTTPParser[] {
    return [...this.allSet];
  }
  idle(): HTTPParser[] {
    return [...this.allSet].filter((p) => !this.activeSet.has(p));
  }
  active(): HTTPParser[] {
    return [...this.activeSet];
  }
  /** Parsers past the headers or the request deadline, taken off the active list. */
  expired(headersTimeout: number, requestTimeout: number): HTTPParser[] {
    const t = now();
    const headersDeadline = headersTimeout > 0 && t > headersTimeout ? t - headersTimeout : 0;
    const requestDeadline = requestTimeout > 0 && t > requestTimeout ? t - requestTimeout : 0;
    if (headersDeadline === 0 && requestDeadline === 0) return [];
    const out: HTTPParser[] = [];
    for (const p of [...this.activeSet]) {
      if ((!p.headersCompleted && headersDeadline > 0 && p.lastMessageStart < headersDeadline) || (requestDeadline > 0 && p.lastMessageStart < requestDeadline)) {
        out.push(p);
        this.activeSet.delete(p);
      }
    }
    return out;
  }
}
