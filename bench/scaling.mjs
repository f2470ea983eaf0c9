// Scaling (issue 13's part e): time and trace bytes per event must stay flat from 10k to 10M
// awaits (linear cost), with native `node`'s time per await beside them.
//
// A run starts cold: the runtime is compiled afresh in each run's context, and V8 runs it in
// its interpreter until TurboFan has optimized the hot paths — about the first 100,000 awaits,
// 50–70 ms of CPU that every run pays once (a fixed cost, not one per event; measured below).
// Whole-run time per event therefore falls with size. What linear cost means is that the
// *steady-state* time per event does not grow with the trace: each program first awaits
// WARM times in the same run (same context, same functions: `phase(1000)` called again and
// again, so V8 optimizes `phase` as a whole — warmed by one long call it would only have an
// on-stack-replacement copy of its loop, and the timed call would start unoptimized), then
// times its N awaits with the worker's real clocks (RunOptions.benchmarkClock) — wall and CPU;
// CPU time (the worker process's, its GC and compiler threads included) is what the target
// judges, as the machine is shared and wall time follows its load. The trace holds every event
// of the run (warm-up included), so a cost that grew with the trace would show. Native `node`
// runs the same program (its own performance.now() and process.cpuUsage()).
//
// The sizes are measured in interleaved rounds, not one after another: these machines change
// speed from minute to minute (another tenant, the host), and a size measured only in a slow
// minute would read as a cost of its size. Each size's runs are spread evenly over the rounds
// and the best of each is kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEngineApi } from './engine-api.mjs';

const { runProgram, dispose } = await loadEngineApi('bench-scaling-engine');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'at-bench-scaling-'));
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

const WARM = 200_000;
/** [awaits, runs]: the smaller sizes are noisier (a window of a few ms), so they get more runs. */
const SIZES = [[1e4, 9], [1e5, 7], [1e6, 5], [1e7, 3]];
const ROUNDS = Math.max(...SIZES.map(([, runs]) => runs));

// The clock: [wall ms, CPU ms, minor page faults] — the worker's under the simulator, the
// process's own under node.
const phaseProgram = (n) => `const clock = globalThis.__asyncTimeline$benchmarkClock ?? (() => { const c = process.cpuUsage(); return [performance.now(), (c.user + c.system) / 1000, process.resourceUsage().minorPageFault]; });
async function phase(n) { let sum = 0; for (let i = 0; i < n; i++) sum += await i; return sum; }
async function main() {
  const w0 = clock(); for (let r = 0; r < ${WARM / 1000}; r++) await phase(1000); const t0 = clock();
  const sum = await phase(${n}); const t1 = clock();
  console.log('PHASE', t1[0] - t0[0], t1[1] - t0[1], t0[1] - w0[1], t1[2] - t0[2], sum);
}
main();
`;
const parsePhase = (text) => {
  const [wallMs, cpuMs, warmCpuMs, faults] = (/PHASE (\S+) (\S+) (\S+) (\S+)/.exec(text) ?? []).slice(1).map(Number);
  return { wallMs, cpuMs, warmCpuMs, faults };
};
const budgets = { events: 70_000_000, realTimeMs: 600_000, memoryMb: 4096 };
async function simPhase(file) {
  let out = '';
  const r = await runProgram({ file, tracing: true, benchmarkClock: true, budgets, onOutput: (stream, text) => (out += text) });
  return { ...parsePhase(out), runMs: r.timings?.runMs ?? NaN, events: r.eventCount ?? NaN, bytes: r.traceBytesInMemory ?? NaN };
}
function nativePhase(file) {
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  return parsePhase(r.stdout);
}
const programFile = (n) => {
  const file = path.join(work, `scale-${n}.js`);
  fs.writeFileSync(file, phaseProgram(n));
  return file;
};
/** Whether a size of `runs` runs has one in round `r`: its runs spread evenly over the rounds. */
const runsInRound = (runs, r) => Math.floor(((r + 1) * runs) / ROUNDS) > Math.floor((r * runs) / ROUNDS);
const bestBy = (runs, key) => runs.reduce((x, y) => (y[key] < x[key] ? y : x));

console.log(`scaling (tracing on; steady state after ${WARM.toLocaleString('en')} warm-up awaits in the same run; ${SIZES.map(([, runs]) => runs).join(' / ')} runs per size in ${ROUNDS} interleaved rounds, the best kept)`);
// The phase's events: a run's minus those of the same program with no awaits in its phase.
const base = await simPhase(programFile(0));
const measured = new Map(SIZES.map(([n]) => [n, { file: programFile(n), sims: [], natives: [] }]));
const loads = [os.loadavg()[0]];
for (let r = 0; r < ROUNDS; r++) {
  // Alternate the order within a round as well, so no size always follows the largest.
  const order = r % 2 ? [...SIZES].reverse() : SIZES;
  for (const [n, runs] of order) {
    if (!runsInRound(runs, r)) continue;
    const m = measured.get(n);
    m.sims.push(await simPhase(m.file));
    m.natives.push(nativePhase(m.file));
  }
  loads.push(os.loadavg()[0]);
}
const rows = SIZES.map(([n]) => {
  const { sims, natives } = measured.get(n);
  const sim = bestBy(sims, 'cpuMs');
  const nat = bestBy(natives, 'cpuMs');
  const events = sim.events - base.events;
  return {
    n, events, traceEvents: sim.events, nativeNs: (nat.cpuMs * 1e6) / n,
    cpuNs: (sim.cpuMs * 1e6) / events, wallNs: (Math.min(...sims.map((s) => s.wallMs)) * 1e6) / events,
    wholeNs: (Math.min(...sims.map((s) => s.runMs)) * 1e6) / sim.events, bytes: sim.bytes / sim.events,
    faultsPerK: (sim.faults * 1000) / events,
    cpuRange: [Math.min(...sims.map((s) => s.cpuMs)), Math.max(...sims.map((s) => s.cpuMs))].map((ms) => (ms * 1e6) / events),
    warmFixedMs: sim.warmCpuMs - ((sim.cpuMs / events) * (base.events - 11)),
  };
});
const spread = (key) => {
  const xs = rows.map((r) => r[key]).filter(Number.isFinite);
  return Math.max(...xs) / Math.min(...xs) - 1;
};
console.log('     awaits   native CPU ns/await   sim ns/event: CPU (all runs)        wall   sim CPU per await ÷ native   whole run (cold)   bytes/event   page faults per 1k events   events in trace   (target: steady CPU ns/event and bytes/event within ±20 % across sizes)');
for (const r of rows) {
  const all = `(${fmt(r.cpuRange[0], 0)}–${fmt(r.cpuRange[1], 0)})`;
  console.log(`${r.n.toLocaleString('en').padStart(11)}  ${fmt(r.nativeNs).padStart(20)}  ${fmt(r.cpuNs).padStart(19)} ${all.padEnd(11)}  ${fmt(r.wallNs).padStart(6)}  ${(fmt((r.cpuNs * r.events) / r.n / r.nativeNs) + '×').padStart(27)}  ${fmt(r.wholeNs).padStart(17)}  ${fmt(r.bytes).padStart(12)}  ${fmt(r.faultsPerK).padStart(26)}  ${String(r.traceEvents).padStart(16)}`);
}
const within = (key) => (spread(key) <= 0.2 ? 'ok' : 'MISSED');
const warmFixed = rows.map((r) => r.warmFixedMs).filter(Number.isFinite);
console.log(`spread 10k–10M (load ${loads.map((l) => fmt(l)).join(' → ')} over the rounds): steady ns/event CPU ${fmt(spread('cpuNs') * 100, 0)} % ${within('cpuNs')} (wall ${fmt(spread('wallNs') * 100, 0)} %), bytes/event ${fmt(spread('bytes') * 100, 0)} % ${within('bytes')}   (target ±20 %)`);
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
const faultsPerK = rows.map((r) => r.faultsPerK).filter(Number.isFinite);
console.log(`this machine's first touch of a memory page: ${fmt(faultUs, 2)} µs; the runs fault ${fmt(Math.min(...faultsPerK), 2)}–${fmt(Math.max(...faultsPerK), 2)} times per 1k events (the trace's 23 B/event alone is ${fmt(23000 / 4096, 2)}), so at that price fresh pages could be up to ~${fmt((faultUs * Math.max(...faultsPerK)), 0)} ns/event of the steady cost above (a common machine: a few ns)`);
console.log(`a run's fixed cost, JIT warm-up: its first ${WARM.toLocaleString('en')} awaits take ${fmt(Math.min(...warmFixed), 0)}–${fmt(Math.max(...warmFixed), 0)} ms of CPU more than at the steady rate (whole-run ns/event falls with size because of it)`);
fs.rmSync(work, { recursive: true, force: true });
dispose();
