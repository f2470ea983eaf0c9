// The race explorer: 200 runs of a program under 200 schedules (src/core/explore), on the
// machine's cores (worker threads). Prints the wall time of the 200 runs (from the report:
// workers started and program bundled included, shrinking excluded), the whole command's wall
// time, and runs per second, beside the target (< 10 s per 200 runs on a 2-core machine).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist', 'cli.js');
const RUNS = 200;
const TARGET_S = 10;

console.log(`${RUNS} runs each, ${os.availableParallelism()} cores, node ${process.version}`);
console.log(`${'program'.padEnd(26)} ${'runs wall'.padStart(10)} ${'runs/s'.padStart(8)} ${'command'.padStart(9)} ${'outcomes'.padStart(9)}   target`);
let missed = 0;
for (const file of ['samples/hello-async.ts', 'samples/race.ts']) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'explore', file, '--runs', String(RUNS), '--json', '--node', '20'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const commandS = (performance.now() - t0) / 1000;
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    console.log(`${file}: explore failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
    missed++;
    continue;
  }
  const runsS = report.exploreMs / 1000;
  const ok = runsS < TARGET_S;
  if (!ok) missed++;
  console.log(
    `${file.padEnd(26)} ${`${runsS.toFixed(2)} s`.padStart(10)} ${(report.runs / runsS).toFixed(0).padStart(8)} ${`${commandS.toFixed(2)} s`.padStart(9)} ${String(report.outcomes.length).padStart(9)}   < ${TARGET_S} s ${ok ? 'ok' : 'MISSED'}`,
  );
}
process.exit(missed ? 1 : 0);
