/**
 * Hosts outside the program, recorded once and replayed in virtual time (src/core/netrec,
 * docs/recordings.md), through the CLI. The "outside host" of the round trip is a real
 * http.createServer on 127.0.0.1 started here, in the test's process, outside the sandbox:
 * `--record` records a local port none of the program's servers listens on. Nothing leaves the
 * machine: every real request goes to 127.0.0.1, and the outside names used in the other tests
 * are only ever replayed (--replay-only) or refused (--no-network).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runProgram } from '../../../src/core/engine/run';
import { CLI, distReady, tempProgram } from '../engine/helpers';

interface Run {
  stdout: string;
  stderr: string;
  status: number;
}

/** The CLI, asynchronously: the test's own server must keep answering while it runs. */
function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, status: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

/** A server with varied response times: a JSON body, a chunked body, an echo of a POST body. */
function startServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.url === '/slow') {
        setTimeout(() => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ slow: true, items: [1, 2, 3] }));
        }, 60);
      } else if (req.url === '/fast') {
        setTimeout(() => res.end('fast!'), 5);
      } else if (req.url === '/chunked') {
        res.write('part one, ');
        setTimeout(() => res.end('part two'), 20);
      } else if (req.url === '/hang') {
        // Never answers.
      } else if (req.url === '/echo') {
        res.end(`echo ${req.method} ${body}`);
      } else {
        res.statusCode = 404;
        res.end('nope');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const CLIENT = `
const http = require('http');
const base = 'http://127.0.0.1:' + process.env.NETREC_PORT;
setTimeout(() => console.log('timer 5'), 5);
setTimeout(() => console.log('timer 40'), 40);
setTimeout(() => console.log('timer 500'), 500);
async function main() {
  const [a, b] = await Promise.all([
    fetch(base + '/slow').then((r) => r.json()),
    fetch(base + '/fast').then((r) => r.text()),
  ]);
  console.log('json', JSON.stringify(a));
  console.log('text', b);
  const c = await fetch(base + '/chunked');
  console.log(c.status, c.headers.get('transfer-encoding'), await c.text());
  const p = await fetch(base + '/echo', { method: 'POST', body: JSON.stringify({ x: 1 }), headers: { 'content-type': 'application/json' } });
  console.log(await p.text());
  const missing = await fetch(base + '/missing');
  console.log(missing.status, await missing.text());
  await new Promise((resolve) => http.get(base + '/fast', (res) => {
    let s = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (s += d));
    res.on('end', () => { console.log('http.get', res.statusCode, s); resolve(); });
  }));
}
main().catch((e) => console.log('failed', e.message, e.cause && e.cause.message));
`;

const EXPECTED = [
  'timer 5',
  'timer 40',
  'json {"slow":true,"items":[1,2,3]}',
  'text fast!',
  '200 chunked part one, part two',
  'echo POST {"x":1}',
  '404 nope',
  'http.get 200 fast!',
  'timer 500',
].join('\n') + '\n';

/** The trace without its network meta (which says recorded vs replayed): everything else must be the same. */
function traceWithoutNetworkMeta(file: string): unknown {
  const trace = JSON.parse(fs.readFileSync(file, 'utf8')) as { meta: Record<string, unknown> };
  const { network: _network, ...meta } = trace.meta;
  return { ...trace, meta };
}

describe('outside hosts recorded and replayed (netrec)', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady() || !fs.existsSync(path.join(path.dirname(CLI), 'net-request.js'))) this.skip();
  });

  it('records a real local server, then replays it with the server stopped: same output, same trace', async () => {
    const dir = tempProgram({ 'client.js': CLIENT });
    const server = await startServer();
    const env = { NETREC_PORT: String((server.address() as AddressInfo).port) };
    let recorded: Run;
    try {
      recorded = await cli(['run', 'client.js', '--record', '--trace', 'recorded.json'], dir, env);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.equal(recorded.status, 0, recorded.stderr);
    assert.equal(recorded.stdout, EXPECTED);
    // Real I/O is real: the CLI says it performed a request, once per host.
    assert.equal(recorded.stderr.match(/performed a real request to http:\/\/127\.0\.0\.1:\d+\/\w+ and recorded it in \.async-timeline\/recordings\/client\.js\.json/g)?.length, 1, recorded.stderr);

    const file = path.join(dir, '.async-timeline/recordings/client.js.json');
    const text = fs.readFileSync(file, 'utf8');
    const recording = JSON.parse(text);
    assert.equal(text, JSON.stringify(recording, null, 2) + '\n', 'pretty JSON, 2 spaces');
    assert.equal(recording.format, 'async-timeline-recording');
    assert.equal(recording.version, 1);
    assert.equal(recording.program, 'client.js');
    assert.deepEqual(recording.exchanges.map((x: { request: { method: string; url: string } }) => `${x.request.method} ${new URL(x.request.url).pathname}`).sort(), ['GET /chunked', 'GET /fast', 'GET /fast', 'GET /missing', 'GET /slow', 'POST /echo']);
    const chunked = recording.exchanges.find((x: { request: { url: string } }) => x.request.url.endsWith('/chunked'));
    assert.deepEqual(chunked.response.headers.find(([k]: [string]) => k.toLowerCase() === 'transfer-encoding'), ['Transfer-Encoding', 'chunked']);
    assert.equal(chunked.response.body, 'part one, part two');
    const slow = recording.exchanges.find((x: { request: { url: string } }) => x.request.url.endsWith('/slow'));
    assert.equal(slow.response.body, '{"slow":true,"items":[1,2,3]}');
    assert.ok(slow.timing.firstByteMs >= 55 && slow.timing.totalMs >= slow.timing.firstByteMs, JSON.stringify(slow.timing));
    const echo = recording.exchanges.find((x: { request: { url: string } }) => x.request.url.endsWith('/echo'));
    assert.equal(echo.request.body, '{"x":1}');

    const replayed = await cli(['run', 'client.js', '--replay-only', '--trace', 'replayed.json'], dir, env);
    assert.equal(replayed.status, 0, replayed.stderr);
    assert.equal(replayed.stderr, '');
    assert.equal(replayed.stdout, recorded.stdout);
    assert.deepEqual(traceWithoutNetworkMeta(path.join(dir, 'replayed.json')), traceWithoutNetworkMeta(path.join(dir, 'recorded.json')));

    const byDefault = await cli(['run', 'client.js', '--trace', 'default.json'], dir, env);
    assert.equal(byDefault.status, 0, byDefault.stderr);
    assert.equal(byDefault.stderr, '', 'everything was recorded: nothing real is performed');
    assert.equal(byDefault.stdout, recorded.stdout);
    assert.deepEqual(traceWithoutNetworkMeta(path.join(dir, 'default.json')), traceWithoutNetworkMeta(path.join(dir, 'recorded.json')));
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'a replay does not rewrite the recording');

    const meta = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')).meta.network;
    assert.deepEqual(meta('recorded.json'), { mode: 'record', recording: '.async-timeline/recordings/client.js.json', recordedAt: recording.recordedAt, replayed: 0, recorded: 6 });
    assert.deepEqual(meta('replayed.json'), { mode: 'replay-only', recording: '.async-timeline/recordings/client.js.json', recordedAt: recording.recordedAt, replayed: 6, recorded: 0 });
    assert.deepEqual(meta('default.json'), { mode: 'record-missing', recording: '.async-timeline/recordings/client.js.json', recordedAt: recording.recordedAt, replayed: 6, recorded: 0 });
  });

  it('record-missing replays what is recorded and performs (and records) only what the recording lacks', async () => {
    const first = "fetch('http://127.0.0.1:' + process.env.NETREC_PORT + '/fast').then((r) => r.text()).then((t) => console.log('one', t));\n";
    const second = first + "setTimeout(() => fetch('http://127.0.0.1:' + process.env.NETREC_PORT + '/echo', { method: 'POST', body: 'two' }).then((r) => r.text()).then((t) => console.log(t)), 100);\n";
    const dir = tempProgram({ 'grow.js': first });
    const server = await startServer();
    const env = { NETREC_PORT: String((server.address() as AddressInfo).port) };
    const file = path.join(dir, '.async-timeline/recordings/grow.js.json');
    try {
      // (A local port is recorded only with --record; once in the recording, the default mode serves it.)
      const a = await cli(['run', 'grow.js', '--record'], dir, env);
      assert.equal(a.stdout, 'one fast!\n');
      assert.match(a.stderr, /performed a real request to http:\/\/127\.0\.0\.1:\d+\/fast/);
      fs.writeFileSync(path.join(dir, 'grow.js'), second);
      const b = await cli(['run', 'grow.js', '--trace', 'b.json'], dir, env);
      assert.equal(b.stdout, 'one fast!\necho POST two\n');
      // The host was told of once per run: this run performed only the POST.
      assert.equal(b.stderr.match(/performed a real request/g)?.length, 1, b.stderr);
      assert.match(b.stderr, /performed a real request to http:\/\/127\.0\.0\.1:\d+\/echo/);
      const meta = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).meta.network;
      assert.deepEqual([meta.mode, meta.replayed, meta.recorded], ['record-missing', 1, 1]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const recording = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(recording.exchanges.map((x: { request: { method: string; body?: string } }) => [x.request.method, x.request.body]), [['GET', undefined], ['POST', 'two']]);
    const c = await cli(['run', 'grow.js', '--replay-only'], dir, env);
    assert.equal(c.stdout, 'one fast!\necho POST two\n');
    assert.equal(c.stderr, '');
  });

  it('a server that never answers: the real request is given up, stderr says so, and the request stays pending until the program\'s own timeout', async () => {
    const program = `
const t0 = performance.now();
fetch('http://127.0.0.1:' + process.env.NETREC_PORT + '/hang', { signal: AbortSignal.timeout(300) })
  .then(() => console.log('answered?'), (e) => console.log('fetch', e.name, Math.round(performance.now() - t0)));
`;
    const dir = tempProgram({ 'hang.js': program });
    const server = await startServer();
    process.env.NETREC_PORT = String((server.address() as AddressInfo).port);
    let stdout = '';
    let stderr = '';
    try {
      const r = await runProgram({
        file: path.join(dir, 'hang.js'),
        cwd: dir,
        network: { mode: 'record', realRequestTimeoutMs: 1000 },
        onOutput: (stream, text) => (stream === 'stdout' ? (stdout += text) : (stderr += text)),
      });
      assert.equal(r.exitCode, 0, stderr);
      assert.deepEqual(r.trace.meta.network, { mode: 'record', recording: '.async-timeline/recordings/hang.js.json', recordedAt: r.trace.meta.network!.recordedAt, replayed: 0, recorded: 0 });
    } finally {
      delete process.env.NETREC_PORT;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    assert.equal(stdout, 'fetch TimeoutError 300\n');
    assert.match(stderr, /async-timeline: GET http:\/\/127\.0\.0\.1:\d+\/hang got no answer within 1 s of real time: nothing was recorded, and the program's request stays pending/);
    // Only the connect was recorded.
    const recording = JSON.parse(fs.readFileSync(path.join(dir, '.async-timeline/recordings/hang.js.json'), 'utf8'));
    assert.deepEqual(recording.exchanges, []);
    assert.equal(Object.keys(recording.connections).length, 1);
  });

  const OUTSIDE = `
const http = require('http');
fetch('http://api.example.invalid/items').then((r) => r.text()).then((t) => console.log('fetch', t), (e) => console.log('fetch failed:', e.cause.code, e.cause.message));
http.get('http://api.example.invalid/other', (res) => console.log('http.get', res.statusCode)).on('error', (e) => console.log('http.get failed:', e.code));
`;

  it('--replay-only without a recording: the program gets a Node-shaped failure naming the URL, stderr says it, nothing is written', async () => {
    const dir = tempProgram({ 'outside.js': OUTSIDE });
    const r = await cli(['run', 'outside.js', '--replay-only'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^fetch failed: ERR_ASYNC_TIMELINE_NOT_RECORDED async-timeline: --replay-only: http:\/\/api\.example\.invalid\/items has no recording in \.async-timeline\/recordings\/outside\.js\.json; record it with the default mode or --record$/m);
    assert.match(r.stdout, /^http\.get failed: ENOTFOUND$/m);
    assert.match(r.stderr, /--replay-only: http:\/\/api\.example\.invalid\/items has no recording/);
    assert.match(r.stderr, /--replay-only: api\.example\.invalid was never looked up in the recording/);
    assert.equal(fs.existsSync(path.join(dir, '.async-timeline')), false);
  });

  for (const [what, content, why] of [
    ['corrupt', '{"format": "async-timeline-recording", "version": 1, "exchanges": [', /is not valid JSON/],
    ['newer-version', '{"format": "async-timeline-recording", "version": 99, "exchanges": []}', /is version 99, newer than this async-timeline reads \(1\)/],
    ['foreign', '{"some": "other file"}', /is not an async-timeline recording/],
  ] as const) {
    it(`a ${what} recording is a clear error naming the file and how to re-record, and nothing is performed`, async () => {
      const dir = tempProgram({ 'outside.js': OUTSIDE, '.async-timeline/recordings/outside.js.json': content });
      const r = await cli(['run', 'outside.js'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`async-timeline: the network recording \\.async-timeline/recordings/outside\\.js\\.json ${why.source}.*; record it again with --record`));
      assert.equal(r.stderr.match(/the network recording/g)?.length, 1, 'said once');
      assert.match(r.stdout, /^fetch failed: /m);
      assert.match(r.stdout, /^http\.get failed: /m);
      assert.equal(fs.readFileSync(path.join(dir, '.async-timeline/recordings/outside.js.json'), 'utf8'), content, 'left as it was');
    });
  }

  it('--no-network refuses outside hosts as the library does (ENETUNREACH)', async () => {
    const dir = tempProgram({ 'outside.js': OUTSIDE });
    const r = await cli(['run', 'outside.js', '--no-network'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^fetch failed: ENETUNREACH async-timeline: fetch\("http:\/\/api\.example\.invalid\/items"\) is outside the simulation/m);
    assert.match(r.stdout, /^http\.get failed: ENETUNREACH$/m);
    assert.match(r.stderr, /ASYNC_TIMELINE_OUTSIDE_HOST/);
  });

  it('replays an https host by name (DNS, connect, TLS over the simulated connection) from a recording', async () => {
    const recording = {
      format: 'async-timeline-recording',
      version: 1,
      recordedAt: '2026-11-29T12:00:00.000Z',
      program: 'https.js',
      hosts: { 'api.example.com': { addresses: [{ address: '93.184.215.14', family: 4 }] } },
      connections: { 'api.example.com:443': { connectMs: 20 } },
      exchanges: [
        {
          request: { method: 'GET', url: 'https://api.example.com/v1/items?page=2' },
          response: { status: 200, statusMessage: 'OK', headers: [['Content-Type', 'application/json'], ['Content-Length', '17'], ['Connection', 'keep-alive']], body: '{"items":[3,4,5]}' },
          timing: { connectMs: 20, firstByteMs: 70, totalMs: 75 },
        },
        {
          request: { method: 'GET', url: 'https://api.example.com/v1/gone' },
          response: { status: 410, statusMessage: 'Gone', headers: [['Transfer-Encoding', 'chunked'], ['Connection', 'keep-alive']], body: 'gone for good' },
          timing: { connectMs: 20, firstByteMs: 40, totalMs: 41 },
        },
      ],
    };
    const program = `
const t0 = performance.now();
const at = () => Math.round(performance.now() - t0);
setTimeout(() => console.log('timer 60 at', at()), 60);
(async () => {
  const r = await fetch('https://api.example.com/v1/items?page=2');
  console.log(r.status, r.headers.get('content-type'), 'head at', at());
  console.log(JSON.stringify(await r.json()), 'body at', at());
  // (undici frees the connection for reuse in a setImmediate after the body's end.)
  await new Promise((resolve) => setTimeout(resolve, 5));
  const g = await fetch('https://api.example.com/v1/gone');
  console.log(g.status, g.statusText, await g.text(), 'at', at());
  require('dns').lookup('api.example.com', (err, address, family) => console.log('lookup', err, address, family));
})();
`;
    const dir = tempProgram({ 'https.js': program, '.async-timeline/recordings/https.js.json': JSON.stringify(recording) });
    const r = await cli(['run', 'https.js', '--replay-only', '--trace', 't.json'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const trace = JSON.parse(fs.readFileSync(path.join(dir, 't.json'), 'utf8')) as { strings: string[] };
    assert.deepEqual(trace.strings.filter((s) => s.includes('→')), ['client :40000 → api.example.com:443'], 'one connection, to the name looked up');
    // connect 20 ms; head 50 ms after the request; body 5 ms later; after 5 ms more, the second
    // request reuses the connection (keep-alive: no lookup, no connect): head 20 ms, end 21 ms after it.
    assert.equal(r.stdout, [
      'timer 60 at 60',
      '200 application/json head at 70',
      '{"items":[3,4,5]} body at 75',
      '410 Gone gone for good at 101',
      'lookup null 93.184.215.14 4',
    ].join('\n') + '\n');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 't.json'), 'utf8')).meta.network;
    assert.deepEqual(meta, { mode: 'replay-only', recording: '.async-timeline/recordings/https.js.json', recordedAt: '2026-11-29T12:00:00.000Z', replayed: 2, recorded: 0 });
  });
});
