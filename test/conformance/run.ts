/**
 * `npm run test:conformance`: every test262 test of the slices in shared/conformance (Promise,
 * the async built-ins, Array.fromAsync, (Async)DisposableStack, the async language) through the
 * simulator for each target Node major and through that real Node; fails when a test passes in
 * a real Node and fails in the simulator targeting it. See README.md.
 *
 * Environment: CONFORMANCE_NODES=20,26 (versions; default all), CONFORMANCE_ONLY=a,b (substrings
 * of test paths), CONFORMANCE_CONCURRENCY (processes at once; default the number of cores),
 * CONFORMANCE_REPORT (where the JSON report goes).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realNode, SUPPORTED_NODE_MAJORS, type NodeMajor } from '../nodes/real-node';
import { listTests, passed, TEST262_LOOKED_IN, TEST262_ROOT, variantsOf, type Outcome, type Variant } from './test262';

const repo = path.resolve(__dirname, '../..');

interface Job {
  label: string;
  argv: string[];
  resultsFile: string;
  /** Variants in the job (for progress). */
  count: number;
}

function envList(name: string): string[] | undefined {
  const v = process.env[name];
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/** `n` shards of about equal work: round-robin over the sorted list (neighbours cost alike). */
function shard<T>(items: T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => out[i % n].push(item));
  return out.filter((s) => s.length > 0);
}

function runJob(job: Job): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(job.argv[0], job.argv.slice(1), { cwd: repo, env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && fs.existsSync(job.resultsFile) ? resolve() : reject(new Error(`${job.label} exited ${code}:\n${stderr}`))));
  });
}

async function pool(jobs: Job[], concurrency: number): Promise<void> {
  const queue = [...jobs];
  const started = performance.now();
  let done = 0;
  const next = async (): Promise<void> => {
    const job = queue.shift();
    if (!job) return;
    const t0 = performance.now();
    await runJob(job);
    done++;
    console.log(`  [${done}/${jobs.length}] ${job.label}: ${job.count} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s (${((performance.now() - started) / 1000).toFixed(0)} s so far)`);
    return next();
  };
  await Promise.all(Array.from({ length: concurrency }, next));
}

/** Tests real Node passes that the simulator does not yet, by variant id, with the targets they fail on. */
const NOT_YET_FILE = path.join(__dirname, 'not-yet.json');
function readNotYet(): Record<string, number[]> {
  return fs.existsSync(NOT_YET_FILE) ? (JSON.parse(fs.readFileSync(NOT_YET_FILE, 'utf8')) as Record<string, number[]>) : {};
}

function pad(s: string | number, n: number): string {
  return String(s).padStart(n);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  if (!TEST262_ROOT) {
    // Not a pass: nothing was checked. Said plainly, so a machine without the corpus is noticed.
    console.log(`test262 conformance SKIPPED: the test262 slices were not found (looked in ${TEST262_LOOKED_IN.join(', ')}); set TEST262_DIR`);
    return;
  }
  const versions = (envList('CONFORMANCE_NODES')?.map(Number) ?? SUPPORTED_NODE_MAJORS) as NodeMajor[];
  const only = envList('CONFORMANCE_ONLY');
  const concurrency = Number(process.env.CONFORMANCE_CONCURRENCY) || os.availableParallelism?.() || os.cpus().length;
  const files = listTests().filter((f) => !only || only.some((o) => f.includes(o)));
  const variants: Variant[] = files.flatMap(variantsOf);
  console.log(`test262 conformance: ${files.length} tests, ${variants.length} runs per target, Node ${versions.join(', ')}, ${concurrency} processes (${TEST262_ROOT})`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  const jobs: Job[] = [];
  // The simulator shards first: they take longest (each runs every target).
  shard(variants, concurrency * 2).forEach((part, i) => {
    const jobsFile = path.join(tmp, `sim-${i}.json`);
    fs.writeFileSync(jobsFile, JSON.stringify({ versions, variants: part }));
    const resultsFile = path.join(tmp, `sim-${i}.out.json`);
    jobs.push({ label: `simulator shard ${i + 1}`, argv: [process.execPath, '--require', 'tsx/cjs', path.join(__dirname, 'sim-worker.ts'), jobsFile, resultsFile], resultsFile, count: part.length * versions.length });
  });
  for (const major of versions) {
    shard(variants, concurrency).forEach((part, i) => {
      const jobsFile = path.join(tmp, `node${major}-${i}.json`);
      fs.writeFileSync(jobsFile, JSON.stringify({ variants: part, test262: TEST262_ROOT }));
      const resultsFile = path.join(tmp, `node${major}-${i}.out.json`);
      jobs.push({ label: `Node ${major} shard ${i + 1}`, argv: [realNode(major), path.join(__dirname, 'node-worker.cjs'), jobsFile, resultsFile], resultsFile, count: part.length });
    });
  }
  try {
    await pool(jobs, concurrency);
    const sim: Record<string, Record<number, Outcome>> = {};
    const node: Record<number, Record<string, Outcome>> = {};
    for (const job of jobs) {
      const data = JSON.parse(fs.readFileSync(job.resultsFile, 'utf8')) as Record<string, unknown>;
      const major = /^Node (\d+)/.exec(job.label)?.[1];
      if (major) Object.assign((node[Number(major)] ??= {}), data);
      else Object.assign(sim, data);
    }

    const report: Record<number, { nodePass: number; simPass: number; regressions: { id: string; sim: string }[]; simOnly: string[]; unhandledDiffers: string[] }> = {};
    for (const major of versions) {
      const r = (report[major] = { nodePass: 0, simPass: 0, regressions: [] as { id: string; sim: string }[], simOnly: [] as string[], unhandledDiffers: [] as string[] });
      for (const v of variants) {
        const n = node[major][v.id];
        const s = sim[v.id]?.[major];
        const nOk = n !== undefined && passed(v, n);
        const sOk = s !== undefined && passed(v, s);
        if (nOk) r.nodePass++;
        if (sOk) r.simPass++;
        if (nOk && !sOk) r.regressions.push({ id: v.id, sim: s?.detail ?? (s ? `stdout: ${s.stdout.replace(/\n/g, ' | ')}` : 'no result') });
        if (sOk && !nOk) r.simOnly.push(v.id);
        if (nOk && sOk && !!n.unhandled !== !!s.unhandled) r.unhandledDiffers.push(v.id);
      }
    }

    // Tests the simulator does not pass yet, each with the targets it fails on (not-yet.json): listed,
    // not hidden — they are printed on every run, and any failure not on the list fails the run.
    const notYet = readNotYet();
    if (process.env.CONFORMANCE_WRITE_NOT_YET) {
      const list: Record<string, number[]> = {};
      for (const major of versions) for (const x of report[major].regressions) (list[x.id] ??= []).push(major);
      fs.writeFileSync(NOT_YET_FILE, JSON.stringify(list, null, 1) + '\n');
      console.log(`wrote ${Object.keys(list).length} tests to ${NOT_YET_FILE}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`\n${'target'.padEnd(8)}${pad('runs', 7)}${pad('node pass', 11)}${pad('sim pass', 10)}${pad('node-pass-sim-fail', 20)}${pad('sim-pass-node-fail', 20)}`);
    for (const major of versions) {
      const r = report[major];
      console.log(`Node ${major}`.padEnd(8) + pad(variants.length, 7) + pad(r.nodePass, 11) + pad(r.simPass, 10) + pad(r.regressions.length, 20) + pad(r.simOnly.length, 20));
    }
    let newFailures = 0;
    for (const major of versions) {
      const r = report[major];
      const listed = r.regressions.filter((x) => notYet[x.id]?.includes(major));
      const fresh = r.regressions.filter((x) => !notYet[x.id]?.includes(major));
      newFailures += fresh.length;
      if (fresh.length) {
        console.log(`\nNode ${major}: ${fresh.length} tests Node passes that the simulator fails (not in not-yet.json):`);
        for (const x of fresh) console.log(`  ${x.id}\n      ${x.sim.slice(0, 300)}`);
      }
      if (listed.length) {
        console.log(`\nNode ${major}: ${listed.length} tests Node passes that the simulator does not pass yet (not-yet.json):`);
        for (const x of listed) console.log(`  ${x.id}\n      ${x.sim.slice(0, 200)}`);
      }
      const nowPass = Object.entries(notYet).filter(([id, majors]) => majors.includes(major) && !r.regressions.some((x) => x.id === id) && variants.some((v) => v.id === id));
      if (nowPass.length) console.log(`\nNode ${major}: ${nowPass.length} tests of not-yet.json pass now — remove them: ${nowPass.map(([id]) => id).join(', ')}`);
      if (r.unhandledDiffers.length) console.log(`\nNode ${major}: ${r.unhandledDiffers.length} passing tests where an unhandled rejection is reported on one side only (not a failure): ${r.unhandledDiffers.join(', ')}`);
    }
    // The slowest simulator runs: a test that grows slow shows here before it reaches the real-time limit.
    const slowest = Object.entries(sim)
      .flatMap(([id, row]) => Object.entries(row).map(([major, o]) => ({ id, major, ms: o.ms ?? 0 })))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    console.log(`\nslowest simulator runs: ${slowest.map((x) => `${x.id} on ${x.major} ${x.ms} ms`).join('; ')}`);
    const reportFile = process.env.CONFORMANCE_REPORT ?? path.join(os.tmpdir(), 'async-timeline-conformance.json');
    fs.writeFileSync(reportFile, JSON.stringify({ versions, runs: variants.length, seconds, report, sim, node }, null, 1));
    console.log(`\nwall time ${seconds.toFixed(1)} s; full report: ${reportFile}`);
    const failed = newFailures > 0;
    if (failed) console.log(`FAIL: the simulator fails ${newFailures} tests that real Node passes and not-yet.json does not list (above)`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
