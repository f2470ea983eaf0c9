// Scenario benchmarks of the simulation (src/core/sim):
//   1. the async chat server with 10,000 scripted clients;
//   2. 64 threads on 8 simulated cores exchanging 100,000 messages.
// Each twice: on the direct harness (stand-in loops, so the numbers measure the simulation
// itself, not the runtime's Promise), then through the engine as a user's program runs (the
// runtime's spec Promise, instrumented code, tracing on; the threads are `new Worker(__filename)`,
// each with its own context and event loop).
// Prints, per scenario: virtual time simulated, trace events, real time, events per real
// second, virtual ms simulated per real ms, and peak heap. `node bench/scenarios.mjs [--json]`.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEngineApi } from './engine-api.mjs';

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

/** The same 64 threads as user code: Workers on the program's own file, async inside. */
const WORKERS = `
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import * as sim from 'async-timeline/sim';
const THREADS = 64, MESSAGES = 100_000;
if (isMainThread) {
  sim.configure({ cores: 8 });
  let sent = 0, received = 0, exited = 0;
  for (let i = 0; i < THREADS; i++) {
    const w = new Worker(__filename);
    w.on('message', () => {
      received++;
      if (sent < MESSAGES) { sent++; w.postMessage(sent); }
      else w.postMessage(-1);
    });
    w.on('exit', () => {
      if (++exited === THREADS) console.log('messages ' + received + ' round trips, virtual ' + sim.now().toFixed(1) + ' ms');
    });
    sent++;
    w.postMessage(sent);
  }
} else {
  parentPort!.on('message', async (m: number) => {
    if (m < 0) return parentPort!.close();
    sim.cpu(0.1); // some work per message, on one of the 8 cores
    await null;
    parentPort!.postMessage(m + 1);
  });
}
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
// Through the engine: the product's path (bundle, instrument, worker + vm, runtime, trace).
const { runProgram, dispose } = await loadEngineApi('bench-scenarios-engine');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'at-scenarios-'));
for (const [name, source] of [['engine: chat-async 10,000 clients', CHAT], ['engine: 64 Workers / 8 cores, 100,000 messages', WORKERS]]) {
  const file = path.join(work, name.replace(/\W+/g, '-') + '.ts');
  fs.writeFileSync(file, source);
  let output = '';
  const t0 = performance.now();
  const r = await runProgram({ file, cwd: work, onOutput: (_s, text) => (output += text), budgets: { events: 50_000_000, realTimeMs: 60_000, virtualTimeMs: 1e9, memoryMb: 4096 } });
  const realMs = performance.now() - t0;
  const events = r.trace.events.kind.length;
  const row = {
    scenario: name,
    output: output.trim(),
    stopped: r.trace.meta.truncated?.reason ?? null,
    virtualMs: Math.round(r.trace.meta.endTime ?? 0),
    events,
    realMs: Math.round(realMs),
    eventsPerSecond: Math.round(events / (realMs / 1000)),
    virtualPerRealMs: +((r.trace.meta.endTime ?? 0) / realMs).toFixed(1),
    peakHeapMB: +((r.peakHeapBytes ?? NaN) / 1048576).toFixed(1),
  };
  results.push(row);
  if (!json) {
    console.log(`\n${name}\n  ${row.output}${row.stopped ? `\n  STOPPED: ${row.stopped}` : ''}`);
    console.log(`  virtual ${row.virtualMs} ms, ${row.events} events in ${row.realMs} ms real (bundling included): ${row.eventsPerSecond.toLocaleString('en')} events/s, ${row.virtualPerRealMs} virtual ms per real ms, peak heap of the run's worker ${row.peakHeapMB} MB`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
dispose();

// The memory model (src/core/sim/memory.ts) against what a real thread costs here: idle Node
// Workers (a thread with its own V8 isolate and event loop), started one after another.
{
  const { Worker } = await import('node:worker_threads');
  const memoryModule = await esbuild.build({ entryPoints: [path.join(root, 'src/core/sim/memory.ts')], bundle: true, write: false, format: 'esm', logLevel: 'silent' });
  const { MEMORY_MODEL } = await import('data:text/javascript;base64,' + Buffer.from(memoryModule.outputFiles[0].text).toString('base64'));
  const N = 20;
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const workers = [];
  for (let i = 0; i < N; i++) {
    const w = new Worker('require("node:worker_threads").parentPort.postMessage("up"); setInterval(() => {}, 1e6);', { eval: true });
    await new Promise((resolve) => w.once('message', resolve));
    workers.push(w);
  }
  const row = {
    scenario: 'memory model vs a real Node Worker',
    realWorkerRssMiB: +((process.memoryUsage().rss - before) / N / 1048576).toFixed(1),
    realWorkerStartMs: +((performance.now() - t0) / N).toFixed(1),
    modelThreadUsedKiB: (MEMORY_MODEL.threadStackCommittedBytes + MEMORY_MODEL.threadOverheadBytes) / 1024,
    modelThreadReservedMiB: MEMORY_MODEL.threadStackReservedBytes / 1048576,
    modelTaskBytes: MEMORY_MODEL.taskBytes,
  };
  await Promise.all(workers.map((w) => w.terminate()));
  results.push(row);
  if (!json) {
    console.log(`\n${row.scenario}`);
    console.log(`  a real Node Worker here: ${row.realWorkerRssMiB} MiB of RSS and ${row.realWorkerStartMs} ms to start (${N} started, idle)`);
    console.log(`  the model: an OS thread ${row.modelThreadUsedKiB} KiB used, ${row.modelThreadReservedMiB} MiB reserved; a task ${row.modelTaskBytes} B`);
  }
}

if (json) console.log(JSON.stringify(results, null, 2));
export default results;
