// Engine benchmark: the simulator against native `node` on the same programs, measured side by
// side in this run. Prints ratios (simulated ÷ native), trace bytes per event and peak memory.
// Targets (issue #2): tracing off ≤ 5×, tracing on ≤ 15×, ≤ 32 bytes/event, 1M awaits traced < 500 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { timedRun as timedRunTree } from './process-tree.mjs';
import { benchInstrument, writeBigFile } from './instrument.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'at-bench-'));

// The engine's API, bundled next to dist/worker.js so it finds the worker and runtime.
const apiBundle = path.join(root, 'dist', 'bench-engine.js');
await esbuild.build({
  entryPoints: [path.join(root, 'src/core/engine/run.ts')], outfile: apiBundle, bundle: true,
  platform: 'node', format: 'cjs', target: 'node20', external: ['esbuild', 'typescript'], logLevel: 'error',
});
const { runProgram } = await import(apiBundle);

const programs = {
  '1,000,000 sequential awaits': `
    async function main() { let sum = 0; for (let i = 0; i < 1e6; i++) sum += await i; console.log(sum); }
    main();`,
  '100,000 tasks × 2 awaits + Promise.all': `
    async function task(i) { await null; await Promise.resolve(i); return i; }
    async function main() { const all = []; for (let i = 0; i < 1e5; i++) all.push(task(i)); console.log((await Promise.all(all)).length); }
    main();`,
  '100,000 timers': `
    let fired = 0;
    for (let i = 0; i < 1e5; i++) setTimeout(() => { if (++fired === 1e5) console.log(fired); }, i % 10);`,
};

/** Native: the program's own run time, from just before it loads to process exit. */
function native(file) {
  const probe = `const t0 = process.hrtime.bigint(); process.on('exit', () => process.stderr.write('NATIVE_MS ' + Number(process.hrtime.bigint() - t0) / 1e6 + '\\n')); require(${JSON.stringify(file)});`;
  const best = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    best.push(Number(/NATIVE_MS ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN));
  }
  return Math.min(...best);
}

async function simulated(file, tracing) {
  let best;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const result = await runProgram({ file, tracing, budgets: { events: 50_000_000, realTimeMs: 60_000, memoryMb: 4096 } });
    const wall = performance.now() - t0;
    const runMs = result.timings?.runMs ?? wall;
    if (!best || runMs < best.runMs) best = { runMs, result };
  }
  return best;
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
console.log(`machine: ${os.cpus().length} cores, node ${process.version}`);
console.log('program'.padEnd(42) + 'native ms'.padStart(11) + 'sim off ms'.padStart(12) + 'ratio'.padStart(8) + 'sim on ms'.padStart(11) + 'ratio'.padStart(8) + 'events'.padStart(11) + 'B/event'.padStart(9) + 'peak MB'.padStart(9));
for (const [name, code] of Object.entries(programs)) {
  const file = path.join(work, name.replace(/\W+/g, '-') + '.js');
  fs.writeFileSync(file, code);
  const nativeMs = native(file);
  const off = await simulated(file, false);
  const on = await simulated(file, true);
  const events = on.result.eventCount;
  const bytesPerEvent = on.result.traceBytesInMemory ? on.result.traceBytesInMemory / events : 23; // recorder column widths
  console.log(name.padEnd(42) + fmt(nativeMs).padStart(11) + fmt(off.runMs).padStart(12) + (fmt(off.runMs / nativeMs) + '×').padStart(8)
    + fmt(on.runMs).padStart(11) + (fmt(on.runMs / nativeMs) + '×').padStart(8) + String(events).padStart(11)
    + fmt(bytesPerEvent).padStart(9) + fmt((on.result.peakHeapBytes ?? NaN) / 2 ** 20, 0).padStart(9));
}

// (b) instrument + bundle vs plain transpileModule on a 5,000-line file, cold and warm, CPU and wall (bench/instrument.mjs).
const bigFile = writeBigFile(work);
await benchInstrument({ work, runs: 3, runProgram });

// (c) The instrumentation cache: a program with a large dependency tree (mocha and its
// dependencies, ~100 files) run cold (empty cache) and warm (unchanged program), end to end.
fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));
const depsFile = path.join(work, 'deps.ts');
fs.writeFileSync(depsFile, `import Mocha from 'mocha';\nasync function main() { await null; console.log(typeof Mocha); }\nmain();\n`);
const cacheDir = path.join(work, 'cache');
const timed = async (file) => {
  const t0 = performance.now();
  const r = await runProgram({ file, cwd: work, tracing: false, cacheDir });
  return { wall: performance.now() - t0, bundle: r.timings?.instrumentAndBundleMs ?? NaN, cache: r.instrumentCache ?? { hits: 0, misses: 0 } };
};
for (const [label, file] of [['program importing mocha', depsFile], ['5,000-line file', bigFile]]) {
  const cold = await timed(file);
  let warm = await timed(file);
  for (let i = 0; i < 2; i++) { const w = await timed(file); if (w.bundle < warm.bundle) warm = w; }
  console.log(`${label}: instrument+bundle cold ${fmt(cold.bundle)} ms (${cold.cache.misses} files instrumented), warm ${fmt(warm.bundle)} ms `
    + `(${warm.cache.hits} from cache, ${warm.cache.misses} instrumented) → warm/cold ${fmt(warm.bundle / cold.bundle, 2)}×; whole run cold ${fmt(cold.wall)} ms, warm ${fmt(warm.wall)} ms`
    + `   (target: a warm run instruments nothing ${warm.cache.misses === 0 ? 'ok' : 'MISSED'})`);
}

// (d) End to end as a user runs it: `async-timeline run --summary` on 1M awaits (startup, bundle,
// run, trace hand-over, summary), wall time and peak RSS of the whole process tree (the CLI, its
// worker thread and esbuild's child process, summed by sampling /proc every 5 ms), next to `node`
// on the same file. Targets (issue 13): < 2 s, ≤ 10× node, < 400 MB.
const cli = path.join(root, 'dist', 'cli.js');
const e2eFile = path.join(work, 'e2e-1m-awaits.js');
fs.writeFileSync(e2eFile, programs['1,000,000 sequential awaits']);
const timedRun = (argv) => timedRunTree(process.execPath, argv, { cwd: work });
{
  const best = async (argv) => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timedRun(argv));
    return runs.reduce((x, y) => (y.s < x.s ? y : x));
  };
  const load = os.loadavg()[0];
  const n = await best([e2eFile]);
  const s = await best([cli, 'run', e2eFile, '--summary', '--no-cache']);
  const ok = (b) => (b ? 'ok' : 'MISSED');
  console.log(`\nend to end, 1M awaits (best of 3, load ${fmt(load)} on ${os.cpus().length} cores): async-timeline run --summary ${fmt(s.s, 2)} s, peak RSS of the process tree ${fmt(s.mb, 0)} MB; `
    + `node ${fmt(n.s, 2)} s, ${fmt(n.mb, 0)} MB → ${fmt(s.s / n.s)}×   (targets: < 2 s ${ok(s.s < 2)}, ≤ 10× ${ok(s.s / n.s <= 10)}, < 400 MB ${ok(s.mb < 400)})`);
  // 10M events: the default event budget stops a longer run cleanly, its trace kept.
  const tenM = path.join(work, 'e2e-10m-awaits.js');
  fs.writeFileSync(tenM, programs['1,000,000 sequential awaits'].replace('1e6', '1e7'));
  const t = await timedRun([cli, 'run', tenM, '--summary', '--no-cache']);
  console.log(`10M awaits with the default budget (10M events): stopped with exit code ${t.code} after ${fmt(t.s, 2)} s, peak RSS of the process tree ${fmt(t.mb, 0)} MB   (target: within 2 GB ${ok(t.mb < 2048)})`);
}

// (e) Scaling: time and trace bytes per event must stay flat from 10k to 10M awaits (linear cost).
// A run starts cold: the runtime is compiled afresh in each run's context, and V8 runs it in
// its interpreter until TurboFan has optimized the hot paths — about the first 100,000 awaits,
// 50–70 ms of CPU that every run pays once (a fixed cost, not one per event; measured below).
// Whole-run time per event therefore falls with size. What linear cost means is that the
// *steady-state* time per event does not grow with the trace: each program here first awaits
// WARM times in the same run (same context, same functions: `phase(1000)` called again and
// again, so V8 optimizes `phase` as a whole — warmed by one long call it would only have an
// on-stack-replacement copy of its loop, and the timed call would start unoptimized), then
// times its N awaits with the
// worker's real clocks (RunOptions.benchmarkClock) — wall and CPU; CPU time (the worker process's,
// its GC and compiler threads included) is what the target judges, as the machine is shared and
// wall time follows its load. The trace holds every event of the run (warm-up included), so a
// cost that grew with the trace would show. Native `node` runs the same program (its own
// performance.now() and process.cpuUsage()).
const WARM = 200_000;
const phaseProgram = (n) => `const clock = globalThis.__asyncTimeline$benchmarkClock ?? (() => { const c = process.cpuUsage(); return [performance.now(), (c.user + c.system) / 1000]; });
async function phase(n) { let sum = 0; for (let i = 0; i < n; i++) sum += await i; return sum; }
async function main() {
  const w0 = clock(); for (let r = 0; r < ${WARM / 1000}; r++) await phase(1000); const t0 = clock();
  const sum = await phase(${n}); const t1 = clock();
  console.log('PHASE', t1[0] - t0[0], t1[1] - t0[1], t0[1] - w0[1], sum);
}
main();
`;
const parsePhase = (text) => {
  const [wallMs, cpuMs, warmCpuMs] = (/PHASE (\S+) (\S+) (\S+)/.exec(text) ?? []).slice(1).map(Number);
  return { wallMs, cpuMs, warmCpuMs };
};
const scaleBudgets = { events: 70_000_000, realTimeMs: 600_000, memoryMb: 4096 };
async function simPhase(file) {
  let out = '';
  const r = await runProgram({ file, tracing: true, benchmarkClock: true, budgets: scaleBudgets, onOutput: (stream, text) => (out += text) });
  return { ...parsePhase(out), runMs: r.timings?.runMs ?? NaN, events: r.eventCount ?? NaN, bytes: r.traceBytesInMemory ?? NaN };
}
function nativePhase(file) {
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  return parsePhase(r.stdout);
}
const bestBy = (runs, key) => runs.reduce((x, y) => (y[key] < x[key] ? y : x));
console.log(`\nscaling (tracing on; steady state after ${WARM.toLocaleString('en')} warm-up awaits in the same run; best of 9 / 7 / 5 / 3 runs)`);
console.log('     awaits   native CPU ns/await   sim ns/event: CPU    wall   sim CPU per await ÷ native   whole run (cold)   bytes/event   events in trace   (target: steady CPU ns/event and bytes/event within ±20 % across sizes)');
const scaleLoad = [os.loadavg()[0]];
const base = await simPhase((() => { const f = path.join(work, 'scale-0.js'); fs.writeFileSync(f, phaseProgram(0)); return f; })());
const rows = [];
for (const [n, repeats] of [[1e4, 9], [1e5, 7], [1e6, 5], [1e7, 3]]) {
  const file = path.join(work, `scale-${n}.js`);
  fs.writeFileSync(file, phaseProgram(n));
  const sims = [];
  const natives = [];
  for (let i = 0; i < repeats; i++) {
    sims.push(await simPhase(file));
    natives.push(nativePhase(file));
  }
  const sim = bestBy(sims, 'cpuMs');
  const nat = bestBy(natives, 'cpuMs');
  // The phase's events: the run's minus those of the same program with no awaits in its phase.
  const events = sim.events - base.events;
  rows.push({
    n, events, traceEvents: sim.events, nativeNs: (nat.cpuMs * 1e6) / n,
    cpuNs: (sim.cpuMs * 1e6) / events, wallNs: (Math.min(...sims.map((r) => r.wallMs)) * 1e6) / events,
    wholeNs: (Math.min(...sims.map((r) => r.runMs)) * 1e6) / sim.events, bytes: sim.bytes / sim.events,
    warmFixedMs: sim.warmCpuMs - ((sim.cpuMs / events) * (base.events - 11)),
  });
  scaleLoad.push(os.loadavg()[0]);
}
const spread = (key) => {
  const xs = rows.map((r) => r[key]).filter(Number.isFinite);
  return Math.max(...xs) / Math.min(...xs) - 1;
};
for (const r of rows) {
  console.log(`${r.n.toLocaleString('en').padStart(11)}  ${fmt(r.nativeNs).padStart(20)}  ${fmt(r.cpuNs).padStart(19)}  ${fmt(r.wallNs).padStart(6)}  ${(fmt((r.cpuNs * r.events) / r.n / r.nativeNs) + '×').padStart(27)}  ${fmt(r.wholeNs).padStart(17)}  ${fmt(r.bytes).padStart(12)}  ${String(r.traceEvents).padStart(16)}`);
}
const within = (key) => (spread(key) <= 0.2 ? 'ok' : 'MISSED');
const warmFixed = rows.map((r) => r.warmFixedMs).filter(Number.isFinite);
console.log(`spread 10k–10M (load ${scaleLoad.map((l) => fmt(l)).join(' → ')}): steady ns/event CPU ${fmt(spread('cpuNs') * 100, 0)} % ${within('cpuNs')} (wall ${fmt(spread('wallNs') * 100, 0)} %), bytes/event ${fmt(spread('bytes') * 100, 0)} % ${within('bytes')}   (target ±20 %)`);
// The machine's price of fresh memory: the trace writes 23 bytes per event into pages never
// touched before, so a first touch of a page (a page fault) is part of the steady cost. It is
// ~0.1–0.5 µs on common machines; on some virtual machines it is tens of µs, and then it is
// most of the steady ns/event (23 B ÷ 4 KiB × the fault's cost), at every size alike.
const faultUs = (() => {
  const bytes = 128 * 1024 * 1024;
  const t0 = process.hrtime.bigint();
  const fresh = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 4096) fresh[i] = 1;
  return Number(process.hrtime.bigint() - t0) / 1e3 / (bytes / 4096);
})();
console.log(`this machine's first touch of a memory page: ${fmt(faultUs, 2)} µs, so the trace's fresh pages alone cost ~${fmt((faultUs * 1000 * 23) / 4096, 0)} ns/event of the steady cost above`);
console.log(`a run's fixed cost, JIT warm-up: its first ${WARM.toLocaleString('en')} awaits take ${fmt(Math.min(...warmFixed), 0)}–${fmt(Math.max(...warmFixed), 0)} ms of CPU more than at the steady rate (whole-run ns/event falls with size because of it)`);
fs.rmSync(work, { recursive: true, force: true });
