// Network scenario (issue 9), end to end as a user runs it: an http server on 127.0.0.1 and a
// client in the same program making 10,000 requests, 50 in flight, on kept-alive connections,
// each body read and parsed — once with `fetch` (undici, keep-alive by default) and once with
// `http.get` on an `http.Agent({ keepAlive: true })`.
// Each program runs side by side in this run under the real Node of the imitated line
// (test/nodes/node_modules/node<major>/bin/node) and under `async-timeline run --summary --node
// <major>` (instrument, bundle, simulate with tracing on, summary): wall time, peak RSS of the
// process tree, requests per second, and the ratio. The trace's event count comes from the same
// program run once more through the engine's API (same line, same count: the run is
// deterministic), which also gives the simulation's own run time: events per second are printed
// both per run time and per end-to-end wall time.
// Target (issue 13's end-to-end target, which issue 9's scenario is held to): ≤ 10× real Node,
// wall time, startup included; and the run must finish within the default budgets with Node's output.
// `node bench/network.mjs [--node 20,26] [--runs 3]` (npm run build first; default: the default line).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEngineApi } from './engine-api.mjs';
import { timedRun } from './process-tree.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const REQUESTS = 10_000;
const IN_FLIGHT = 50;

// Both programs: the same server (a small JSON body with a content-length) and the same client
// loop (IN_FLIGHT workers taking the next request number until REQUESTS are done).
const SERVER = `
const http = require('http');
const N = ${REQUESTS}, IN_FLIGHT = ${IN_FLIGHT};
let connections = 0;
const server = http.createServer((req, res) => {
  const body = JSON.stringify({ path: req.url, n: Number(req.url.slice('/items/'.length)) });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.on('connection', () => connections++);
`;
const programs = {
  fetch: `${SERVER}
server.listen(0, '127.0.0.1', async () => {
  const base = 'http://127.0.0.1:' + server.address().port;
  let next = 0, sum = 0, bytes = 0;
  async function worker() {
    while (next < N) {
      const res = await fetch(base + '/items/' + next++);
      const text = await res.text();
      bytes += text.length;
      sum += JSON.parse(text).n;
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  console.log('fetch: ' + N + ' requests on ' + connections + ' connections, ' + bytes + ' bytes, sum ' + sum);
  server.close();
});
`,
  'http.get': `${SERVER}
server.listen(0, '127.0.0.1', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const port = server.address().port;
  const get = (path) => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
      res.on('error', reject);
    }).on('error', reject);
  });
  let next = 0, sum = 0, bytes = 0;
  async function worker() {
    while (next < N) {
      const text = await get('/items/' + next++);
      bytes += text.length;
      sum += JSON.parse(text).n;
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  console.log('http.get: ' + N + ' requests on ' + connections + ' connections, ' + bytes + ' bytes, sum ' + sum);
  agent.destroy();
  server.close();
});
`,
};

// The default line, from the contract (src/core/versions/targets.ts).
const targets = await esbuild.build({ entryPoints: [path.join(root, 'src/core/versions/targets.ts')], bundle: true, write: false, format: 'esm', logLevel: 'silent' });
const { DEFAULT_NODE_MAJOR } = await import('data:text/javascript;base64,' + Buffer.from(targets.outputFiles[0].text).toString('base64'));
const majors = String(option('--node', DEFAULT_NODE_MAJOR)).split(',').map(Number);
const runs = Number(option('--runs', 3));

const { runProgram, dispose } = await loadEngineApi('bench-network-engine');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'at-bench-network-'));
const cli = path.join(root, 'dist', 'cli.js');
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const thousands = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : 'n/a');
const ok = (b) => (b ? 'ok' : 'MISSED');
const fastest = (rs) => rs.reduce((x, y) => (y.s < x.s ? y : x));
/** Runs `command argv` to its end; throws with its stderr when it fails. */
async function measured(command, argv) {
  const r = await timedRun(command, argv, { cwd: work, capture: true });
  if (r.code !== 0) throw new Error(`${path.basename(command)} ${argv.join(' ')} exited ${r.code}:\n${r.stderr}`);
  return r;
}

let failed = false;
console.log(`${os.cpus().length} cores, load ${os.loadavg().map((l) => fmt(l, 2)).join(' ')}; best of ${runs} runs each, side by side`);
for (const major of majors) {
  const realNode = path.join(root, 'test', 'nodes', 'node_modules', `node${major}`, 'bin', 'node');
  if (!fs.existsSync(realNode)) {
    console.log(`\nNode ${major}: real Node is not installed at ${realNode} (bash scripts/setup.sh)`);
    failed = true;
    continue;
  }
  for (const [name, source] of Object.entries(programs)) {
    const file = path.join(work, `network-${name.replace(/\W+/g, '-')}.js`);
    fs.writeFileSync(file, source);
    const load = os.loadavg()[0];
    // Interleaved (node, simulator, engine API; `runs` times), so a change of the machine's load
    // falls on all three alike; the fastest of each is kept.
    const nodeRuns = [];
    const simRuns = [];
    const apiRuns = [];
    for (let i = 0; i < runs; i++) {
      nodeRuns.push(await measured(realNode, [file]));
      simRuns.push(await measured(process.execPath, [cli, 'run', file, '--summary', '--no-cache', '--node', String(major)]));
      // The same program through the engine's API: the trace's event count and the run's own time.
      const api = await runProgram({ file, cwd: work, node: major });
      apiRuns.push({ events: api.eventCount ?? NaN, runMs: api.timings?.runMs ?? NaN, stopped: api.trace.meta.truncated?.reason });
    }
    const node = fastest(nodeRuns);
    const sim = fastest(simRuns);
    const same = simRuns.every((r) => r.stdout === node.stdout) && nodeRuns.every((r) => r.stdout === node.stdout);
    const summary = sim.stderr.trim().split('\n').pop();
    const { events } = apiRuns[0];
    const stopped = apiRuns.find((r) => r.stopped)?.stopped;
    const runMs = Math.min(...apiRuns.map((r) => r.runMs));
    const ratio = sim.s / node.s;
    if (!same || stopped) failed = true;
    console.log(`\n${name}: ${REQUESTS.toLocaleString('en')} requests, ${IN_FLIGHT} in flight, keep-alive, Node ${major} (load ${fmt(load, 2)})`);
    console.log(`  real node:  ${fmt(node.s, 2)} s wall, ${thousands(REQUESTS / node.s)} requests/s, peak RSS ${fmt(node.mb, 0)} MB   ${node.stdout.trim()}`);
    console.log(`  simulator:  ${fmt(sim.s, 2)} s wall, ${thousands(REQUESTS / sim.s)} requests/s, peak RSS of the process tree ${fmt(sim.mb, 0)} MB → ${fmt(ratio)}× node   (target ≤ 10× ${ok(ratio <= 10)}; same output as node: ${same ? 'yes' : 'NO'})`);
    if (!same) console.log(`  the simulator printed: ${[...new Set(simRuns.map((r) => r.stdout.trim()))].join(' | ')}`);
    console.log(`  trace:      ${thousands(events)} events; ${thousands(events / (runMs / 1000))} events/s of the run (${fmt(runMs / 1000, 2)} s), ${thousands(events / sim.s)} events/s end to end   (default budgets: ${stopped ? `STOPPED: ${stopped}` : 'not stopped ok'})`);
    console.log(`  summary:    ${summary}`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
dispose();
process.exitCode = failed ? 1 : 0;
