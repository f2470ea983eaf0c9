// Scenario benchmarks of the simulation (src/core/sim), run on the direct harness (stand-in
// loops, so the numbers measure the simulation itself, not the runtime's Promise):
//   1. the async chat server with 10,000 scripted clients;
//   2. 64 threads on 8 simulated cores exchanging 100,000 messages.
// Prints, per scenario: virtual time simulated, trace events, real time, events per real
// second, virtual ms simulated per real ms, and peak heap. `node bench/scenarios.mjs [--json]`.
import * as esbuild from 'esbuild';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Bundles TS source (the scenario program) with async/await lowered onto the harness's Promise. */
function bundle(contents) {
  return esbuild.buildSync({
    stdin: { contents, loader: 'ts', resolveDir: root },
    bundle: true, write: false, format: 'cjs', platform: 'neutral', target: 'es2016', logLevel: 'silent',
    external: ['node:*', 'net', 'worker_threads', 'async-timeline/sim'],
  }).outputFiles[0].text;
}

async function loadHarness() {
  const out = await esbuild.build({
    entryPoints: [path.join(root, 'src/core/sim/direct/harness.ts')],
    bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent',
  });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
}

const CHAT = `
import net from 'node:net';
import * as sim from 'async-timeline/sim';
const N = 10_000;
const clients = sim.clients({
  port: 7000, count: N, arriveAt: (i) => i * 0.5, waitForGreeting: true,
  messages: ['hi', 'how are you?', 'bye'], thinkMs: (_i, _k, random) => 50 + random() * 200,
});
async function serve(socket: net.Socket) {
  socket.write('welcome\\n');
  let pending = '';
  for await (const chunk of socket) {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\\n')) >= 0) {
      socket.write('you said: ' + pending.slice(0, nl) + '\\n');
      pending = pending.slice(nl + 1);
    }
  }
  socket.end();
}
const server = net.createServer((s) => { serve(s); }).listen(7000);
clients.done.then((rs) => {
  server.close();
  const longest = Math.max(...rs.map((r) => r.sessionMs));
  const waited = Math.max(...rs.map((r) => r.waitedMs));
  console.log('clients ' + rs.length + ', longest session ' + Math.round(longest) + ' ms, longest wait ' + Math.round(waited) + ' ms');
});
`;

const THREADS = `
import { Worker } from 'node:worker_threads';
import * as sim from 'async-timeline/sim';
const THREADS = 64, MESSAGES = 100_000;
sim.configure({ cores: 8 });
let sent = 0, received = 0;
const workers: Worker[] = [];
for (let i = 0; i < THREADS; i++) {
  const w = new (Worker as any)((_data: unknown, port: any) => {
    port.on('message', (m: number) => {
      if (m < 0) return port.close();
      sim.cpu(0.1); // some work per message, on one of the 8 cores
      port.postMessage(m + 1);
    });
  });
  w.on('message', () => {
    received++;
    if (sent < MESSAGES) { sent++; w.postMessage(sent); }
    else w.postMessage(-1);
  });
  workers.push(w);
}
for (const w of workers) { sent++; w.postMessage(sent); }
let exited = 0;
for (const w of workers) w.on('exit', () => {
  if (++exited === THREADS) console.log('messages ' + received + ' round trips, virtual ' + sim.now().toFixed(1) + ' ms');
});
`;

const json = process.argv.includes('--json');
const { runDirect } = await loadHarness();
const results = [];
for (const [name, source] of [['chat-async 10,000 clients', CHAT], ['64 threads / 8 cores, 100,000 messages', THREADS]]) {
  const code = bundle(source);
  globalThis.gc?.();
  let peak = process.memoryUsage().heapUsed;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const t0 = performance.now();
  const r = runDirect(code, { record: true, maxVirtualMs: 1e9, sample });
  const realMs = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const row = {
    scenario: name,
    output: r.output.trim(),
    stopped: r.stopped ?? null,
    virtualMs: Math.round(r.endTime),
    events: r.events,
    realMs: Math.round(realMs),
    eventsPerSecond: Math.round(r.events / (realMs / 1000)),
    virtualPerRealMs: +(r.endTime / realMs).toFixed(1),
    peakHeapMB: +(peak / 1048576).toFixed(1),
  };
  results.push(row);
  if (!json) {
    console.log(`\n${name}\n  ${row.output}${row.stopped ? `\n  STOPPED: ${row.stopped}` : ''}`);
    console.log(`  virtual ${row.virtualMs} ms, ${row.events} events in ${row.realMs} ms real: ${row.eventsPerSecond.toLocaleString('en')} events/s, ${row.virtualPerRealMs} virtual ms per real ms, peak heap ${row.peakHeapMB} MB`);
  }
}
if (json) console.log(JSON.stringify(results, null, 2));
export default results;
