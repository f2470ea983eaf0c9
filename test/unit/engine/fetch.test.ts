/**
 * fetch in the simulation (src/core/node/fetch): what the differential suite cannot check
 * against real Node — a request to a host outside the machine is refused at the call with a
 * Node-shaped error saying why (fetch, http, Node's net.js, the simulated net), and says so in the
 * run's output; a fetch's exchange is on the timeline as the http client's is. (Event order
 * against real Node: test/fidelity/programs/fetch-*.js.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runProgram } from '../../../src/core/engine/run';
import type { RunResult } from '../../../src/core/engine/api';
import { isLoopbackHost } from '../../../src/core/sim/outside';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { distReady, tempProgram } from './helpers';

async function run(source: string, nodeMajor?: 20 | 22 | 24 | 26): Promise<RunResult & { stdout: string; stderr: string }> {
  const cwd = tempProgram({ 'main.js': source });
  let stdout = '';
  let stderr = '';
  try {
    const r = await runProgram({ file: path.join(cwd, 'main.js'), cwd, node: nodeMajor ?? 20, onOutput: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)) });
    return { ...r, stdout, stderr };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/** The http events of a trace as `kind a b c` lines. */
function httpEvents(trace: TraceFile): string[] {
  const { kind, a, b, c } = trace.events;
  const out: string[] = [];
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === EventKind.HttpRequest || kind[i] === EventKind.HttpResponse) out.push(`${kind[i]} ${a[i]} ${trace.strings[b[i]]} ${c[i]}`);
    if (kind[i] === EventKind.HttpMessageEnd) out.push(`${kind[i]} ${a[i]} ${b[i]} ${c[i]}`);
  }
  return out;
}

const OUTSIDE = /is outside the simulation: the simulated network only reaches the program's own servers on this machine \(localhost, 127\.0\.0\.1, ::1\), and this run does not reach outside hosts \(network mode 'off', the CLI's --no-network; the CLI's default records real responses once and replays them: docs\/recordings\.md\)/;

describe('outside hosts: which hosts are this machine', () => {
  it('loopback names and addresses are; anything else is not', () => {
    for (const h of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', '0.0.0.0', '::']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['example.com', '10.0.0.1', '192.168.1.1', '8.8.8.8', '::2', 'localhost.example.com', '128.0.0.1', '[2001:db8::1]']) assert.equal(isLoopbackHost(h), false, h);
  });
});

describe('engine: fetch', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('a fetch of an outside host rejects at the call with TypeError "fetch failed", its cause ENETUNREACH naming the URL, and the run says so', async () => {
    const r = await run(`
      const started = Date.now();
      fetch('https://api.example.com/v1/items?id=3').then(
        () => console.log('unexpected response'),
        (err) => {
          console.log(err.constructor === TypeError, err.message, err.cause instanceof Error, err.cause.code, err.cause.errno, err.cause.syscall, err.cause.hostname, err.cause.port);
          console.log(err.cause.message);
          console.log('virtual ms', Date.now() - started);
        },
      );
    `);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'true fetch failed true ENETUNREACH -101 connect api.example.com 443');
    assert.match(lines[1], /^async-timeline: fetch\("https:\/\/api\.example\.com\/v1\/items\?id=3"\) /);
    assert.match(lines[1], OUTSIDE);
    assert.equal(lines[2], 'virtual ms 0');
    assert.match(r.stderr, /\(node:\d+\) \[ASYNC_TIMELINE_OUTSIDE_HOST\] Warning: async-timeline: fetch\("https:\/\/api\.example\.com\/v1\/items\?id=3"\) is outside the simulation/);
    assert.equal(r.exitCode, 0);
  });

  it('an unhandled refused fetch ends the run with the reason printed', async () => {
    const r = await run(`fetch('http://example.com/');`);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /TypeError: fetch failed/);
    assert.match(r.stderr, /async-timeline: fetch\("http:\/\/example\.com\/"\) is outside the simulation/);
  });

  it('http.get of an outside name fails in its lookup (no real DNS query), of an outside address in its connect; the simulated net refuses too', async () => {
    const r = await run(`
      const http = require('http');
      const net = require('net');
      http.get('http://example.org/x', () => console.log('unexpected')).on('error', (e) => console.log('name', e.code, e.syscall, e.hostname, '|', e.message));
      http.get('http://10.1.2.3:81/', () => console.log('unexpected')).on('error', (e) => console.log('address', e.code, e.syscall, e.address, e.port));
      net.connect(443, 'example.net').on('error', (e) => console.log('net', e.code, e.syscall, e.hostname, e.port, '|', e.message));
    `);
    const lines = r.stdout.trimEnd().split('\n').sort();
    assert.equal(lines.length, 3, r.stdout + r.stderr);
    assert.equal(lines[0], 'address ENETUNREACH connect 10.1.2.3 81');
    assert.match(lines[1], /^name ENETUNREACH getaddrinfo example\.org \| async-timeline: a connection to example\.org /);
    assert.match(lines[1], OUTSIDE);
    assert.match(lines[2], /^net ENETUNREACH connect example\.net 443 \| async-timeline: a connection to example\.net:443 /);
    assert.match(lines[2], OUTSIDE);
    assert.match(r.stderr, /Warning: async-timeline: a connection to example\.org is outside the simulation/);
    assert.match(r.stderr, /Warning: async-timeline: a connection to 10\.1\.2\.3:81 is outside the simulation/);
    // No threadpool request: the outside name was never looked up.
    assert.equal(r.trace.events.kind.filter((k) => k === EventKind.IoPoolStart).length, 0);
  });

  it("a redirect from the program's server to an outside host fails the fetch the same way", async () => {
    const r = await run(`
      const http = require('http');
      const server = http.createServer((q, res) => res.writeHead(302, { location: 'http://example.com/away' }).end());
      server.listen(0, async () => {
        try { await fetch('http://localhost:' + server.address().port + '/'); } catch (e) { console.log(e.message, e.cause.code, e.cause.hostname); }
        server.close();
      });
    `);
    assert.equal(r.stdout, 'fetch failed ENETUNREACH example.com\n');
    assert.match(r.stderr, /a connection to example\.com is outside the simulation/);
  });

  it("a fetch to the program's server is on the timeline as the http client's exchange is: request, its end, response, its end", async () => {
    const r = await run(`
      const http = require('http');
      const server = http.createServer((req, res) => res.end('hello'));
      server.listen(0, async () => {
        const res = await fetch('http://127.0.0.1:' + server.address().port + '/a', { method: 'POST', body: 'abc' });
        console.log(await res.text());
        server.close();
      });
    `);
    assert.equal(r.stdout, 'hello\n');
    const events = httpEvents(r.trace);
    const id = events[0].split(' ')[1];
    assert.deepEqual(events, [
      `${EventKind.HttpRequest} ${id} POST /a 1`,
      `${EventKind.HttpMessageEnd} ${id} 3 1`,
      `${EventKind.HttpResponse} ${id} 200 OK 1`,
      `${EventKind.HttpMessageEnd} ${id} 5 2`,
    ]);
  });

  it('the globals are those of the Node line: WebSocket from Node 22, CloseEvent from 24', async () => {
    const probe = `console.log(['fetch', 'Headers', 'Request', 'Response', 'FormData', 'File', 'WebSocket', 'CloseEvent', 'EventSource'].map((n) => typeof globalThis[n]).join(' '), Object.keys(globalThis).includes('fetch'));`;
    assert.equal((await run(probe, 20)).stdout, 'function function function function function function undefined undefined undefined true\n');
    assert.equal((await run(probe, 22)).stdout, 'function function function function function function function undefined undefined true\n');
    assert.equal((await run(probe, 24)).stdout, 'function function function function function function function function undefined true\n');
  });
});
