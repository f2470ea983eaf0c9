/**
 * The child process that performs ONE real network operation for a recording
 * (src/core/netrec/README.md): a DNS lookup, a TCP connect, or an HTTP(S) exchange. The engine
 * starts it (`node dist/net-request.js`), writes the operation as JSON on its stdin and reads
 * the answer as JSON from its stdout. A process of its own because the simulation never lets the
 * host's event loop carry a program's I/O: this one really talks to the network, measures it,
 * and ends.
 *
 * The exchange uses Node's `http`/`https` with the program's exact method, headers and body,
 * does not decompress (the recorded bytes are the bytes on the wire), and measures, from its
 * start: DNS + connect (+ TLS), the response head (time to first byte), the end of the body.
 */
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';

export type RealOperation =
  | { op: 'lookup'; hostname: string }
  | { op: 'connect'; host: string; port: number }
  | { op: 'request'; tls: boolean; host: string; port: number; method: string; path: string; headers: [string, string][]; body: string /* base64 */ };

export type RealAnswer =
  | { ok: true; addresses?: { address: string; family: number }[]; connectMs?: number; response?: RealResponse }
  | { ok: false; error: { code: string; errno?: number; syscall?: string; message: string } };

export interface RealResponse {
  status: number;
  statusMessage: string;
  headers: [string, string][];
  body: string /* base64 */;
  timing: { connectMs: number; firstByteMs: number; totalMs: number };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function fail(e: unknown): RealAnswer {
  const err = e as NodeJS.ErrnoException;
  return { ok: false, error: { code: String(err.code ?? 'EIO'), ...(typeof err.errno === 'number' && { errno: err.errno }), ...(err.syscall && { syscall: err.syscall }), message: String(err.message) } };
}

function lookup(hostname: string): Promise<RealAnswer> {
  return new Promise((resolve) => {
    dns.lookup(hostname, { all: true }, (err, addresses) => resolve(err ? fail(err) : { ok: true, addresses: addresses.map((a) => ({ address: a.address, family: a.family })) }));
  });
}

function connect(host: string, port: number): Promise<RealAnswer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      resolve({ ok: true, connectMs: round(performance.now() - t0) });
      socket.destroy();
    });
    socket.once('error', (e) => resolve(fail(e)));
  });
}

function request(o: Extract<RealOperation, { op: 'request' }>): Promise<RealAnswer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let connectMs = 0;
    let firstByteMs = 0;
    const body = Buffer.from(o.body, 'base64');
    // The body is sent whole (its chunked framing was the program's connection's). The
    // Connection header stays the program's — HTTP/1.1's keep-alive when it sent none — so the
    // server answers as it answered the program (`Connection: keep-alive`, not `close`); this
    // process's agent closes the socket after the one exchange anyway.
    const skip = new Set(['transfer-encoding', 'content-length']);
    const headers: string[] = [];
    for (const [k, v] of o.headers) if (!skip.has(k.toLowerCase())) headers.push(k, v);
    if (body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(o.method)) headers.push('content-length', String(body.length));
    if (!o.headers.some(([k]) => k.toLowerCase() === 'connection')) headers.push('connection', 'keep-alive');
    const mod = o.tls ? https : http;
    const req = mod.request({ host: o.host, port: o.port, method: o.method, path: o.path, headers: headers as unknown as http.OutgoingHttpHeaders, agent: false, servername: o.tls && net.isIP(o.host) === 0 ? o.host : undefined });
    req.once('socket', (socket) => socket.once(o.tls ? 'secureConnect' : 'connect', () => (connectMs = round(performance.now() - t0))));
    req.once('response', (res) => {
      firstByteMs = round(performance.now() - t0);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => {
        const raw: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) raw.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({
          ok: true,
          response: { status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: raw, body: Buffer.concat(chunks).toString('base64'), timing: { connectMs, firstByteMs, totalMs: round(performance.now() - t0) } },
        });
      });
      res.once('error', (e) => resolve(fail(e)));
    });
    req.once('error', (e) => resolve(fail(e)));
    req.end(body);
  });
}

async function main(): Promise<void> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const op = JSON.parse(text) as RealOperation;
  const answer = op.op === 'lookup' ? await lookup(op.hostname) : op.op === 'connect' ? await connect(op.host, op.port) : await request(op);
  process.stdout.write(JSON.stringify(answer));
  process.exit(0);
}

if (require.main === module) void main();
