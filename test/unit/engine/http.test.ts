/**
 * http on the simulated network, through the engine (src/core/node/http): the network's trace
 * events come in the order of the exchange, the summary counts connections and requests, the
 * same program gives the same trace, and a server left listening runs to the virtual-time budget.
 * (Event order against real Node is the fidelity suite's: test/fidelity/programs/http-*.js.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runProgram } from '../../../src/core/engine/run';
import type { RunResult } from '../../../src/core/engine/api';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { ioStats, ioText } from '../../../src/core/viewmodel/io-stats';
import { distReady, tempProgram } from './helpers';

async function run(source: string): Promise<RunResult & { stdout: string; stderr: string }> {
  const cwd = tempProgram({ 'main.js': source });
  let stdout = '';
  let stderr = '';
  try {
    const r = await runProgram({ file: path.join(cwd, 'main.js'), cwd, onOutput: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)) });
    return { ...r, stdout, stderr };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

const NET_KINDS = new Set<number>([EventKind.NetListen, EventKind.NetConnect, EventKind.NetClose, EventKind.HttpRequest, EventKind.HttpResponse, EventKind.HttpMessageEnd]);

/** The network events as `kind a b c` lines (b as its string where it is one). */
function netEvents(trace: TraceFile): string[] {
  const { kind, a, b, c } = trace.events;
  const out: string[] = [];
  for (let i = 0; i < kind.length; i++) {
    if (!NET_KINDS.has(kind[i])) continue;
    const text = kind[i] === EventKind.HttpMessageEnd ? String(b[i]) : trace.strings[b[i]];
    out.push(`${kind[i]} ${a[i]} ${text} ${c[i]}`);
  }
  return out;
}

const TWO_REQUESTS = `
const http = require('http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const server = http.createServer((req, res) => res.end('hello'));
server.listen(7070, () => {
  const get = (p) => new Promise((r) => http.get({ port: 7070, path: p, agent }, (res) => { res.resume(); res.on('end', r); }));
  get('/a').then(() => get('/b')).then(() => { agent.destroy(); server.close(); console.log('done'); });
});
`;

describe('engine: http on the simulated network', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('records listen, connect, each request and response with its body, close — in the order of the exchange', async () => {
    const r = await run(TWO_REQUESTS);
    assert.equal(r.stdout, 'done\n');
    assert.equal(r.exitCode, 0);
    const events = netEvents(r.trace);
    assert.equal(events[0], `${EventKind.NetListen} 7070 listen :7070 1`);
    const id = Number(events[1].split(' ')[1]);
    assert.deepEqual(events.slice(1), [
      `${EventKind.NetConnect} ${id} server :7070 ← :${events[1].split('← :')[1].split(' ')[0]} 2`,
      `${EventKind.NetConnect} ${id} client :${events[1].split('← :')[1].split(' ')[0]} → :7070 1`,
      `${EventKind.HttpRequest} ${id} GET /a 1`,
      `${EventKind.HttpMessageEnd} ${id} 0 1`,
      `${EventKind.HttpResponse} ${id} 200 OK 1`,
      `${EventKind.HttpMessageEnd} ${id} 5 2`,
      `${EventKind.HttpRequest} ${id} GET /b 2`,
      `${EventKind.HttpMessageEnd} ${id} 0 1`,
      `${EventKind.HttpResponse} ${id} 200 OK 2`,
      `${EventKind.HttpMessageEnd} ${id} 5 2`,
      `${EventKind.NetClose} ${id} close 1`,
      `${EventKind.NetClose} ${id} close 2`,
      `${EventKind.NetListen} 7070 close :7070 0`,
    ]);
    const stats = ioStats(r.trace);
    assert.equal(stats.connections, 1);
    assert.equal(stats.httpRequests, 2);
    assert.match(ioText(stats), / · network: 1 connection, 2 HTTP requests$/);
  });

  it('the same program gives the same trace', async () => {
    const a = await run(TWO_REQUESTS);
    const b = await run(TWO_REQUESTS);
    assert.deepEqual(netEvents(a.trace), netEvents(b.trace));
    assert.deepEqual(a.trace.events.kind, b.trace.events.kind);
  });

  it('a server the program never closes keeps the run alive until the virtual-time budget (its unref\'d connection checker keeps ticking)', async () => {
    const r = await run(`require('http').createServer().listen(7071, () => console.log('up'));`);
    assert.equal(r.stdout, 'up\n');
    assert.match(r.stderr, /stopped: budget: virtual time/);
  });
});
