/**
 * Differential fidelity suite: every program in test/fidelity/programs/ is run under real
 * `node` and under the simulator (`node dist/cli.js run <file>`, or SIM_CMD); stdout and the
 * exit code must be identical, stderr identical after `normalizeStderr` (see harness.ts and
 * README.md). Programs run in a pool (FIDELITY_CONCURRENCY, default 2) started before the
 * tests; each test awaits its own program. FIDELITY_ONLY=<substring> restricts the programs.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  PROGRAMS_DIR,
  cleanupTemp,
  compareRuns,
  groupOf,
  listPrograms,
  nodeRangeOf,
  referenceNodeMajor,
  loadKnownDivergences,
  makePool,
  pathsFor,
  processTimeoutMs,
  runUnderNode,
  runUnderSimulator,
  simCommand,
  simulatorProblem,
  type Comparison,
} from './harness';

const only = process.env.FIDELITY_ONLY;
const listed = listPrograms().filter((f) => !only || only.split(',').some((o) => f.includes(o.trim())));
/** Programs whose `// node:` line excludes the reference node's line: pending, with the range. */
const otherLines = new Map<string, string>();
const programs = listed.filter((f) => {
  const range = nodeRangeOf(path.join(PROGRAMS_DIR, f));
  if (range.accepts(referenceNodeMajor())) return true;
  otherLines.set(f, range.text);
  return false;
});
const known = loadKnownDivergences();
const nodeRetries = process.env.FIDELITY_NODE_RETRIES === undefined ? 2 : Number(process.env.FIDELITY_NODE_RETRIES);
const nodeFlaky: string[] = [];

describe('fidelity: real node vs simulator', function () {
  this.timeout(processTimeoutMs * 2 + 60_000);
  const pool = makePool();
  const jobs = new Map<string, Promise<Comparison>>();
  const failures: { file: string; summary: string }[] = [];
  const nowMatching: string[] = [];
  let problem: string | undefined;

  const start = (file: string): Promise<Comparison> => {
    let job = jobs.get(file);
    if (!job) {
      const abs = path.join(PROGRAMS_DIR, file);
      job = pool(async () => {
        const node = await runUnderNode(abs);
        const sim = await runUnderSimulator(abs);
        const first = compareRuns(node, sim, pathsFor(abs));
        // Real node on a loaded machine can fire a timer late enough to reorder macrotasks of
        // different chains. Before reporting a divergence, ask node again: if any of its runs
        // prints what the simulator printed, that output is a real Node behaviour.
        if (!first.ok && !sim.timedOut) {
          for (let k = 0; k < nodeRetries; k++) {
            const again = compareRuns(await runUnderNode(abs), sim, pathsFor(abs));
            if (again.ok) {
              nodeFlaky.push(file);
              return again;
            }
          }
        }
        return first;
      });
      job.catch(() => undefined);
      jobs.set(file, job);
    }
    return job;
  };

  before(function () {
    problem = simulatorProblem();
    if (problem) return;
    for (const file of programs) start(file);
  });

  after(function () {
    cleanupTemp();
    if (known.size) {
      console.log(`\n  known divergences (${known.size}), reported as pending:`);
      for (const [file, reason] of known) console.log(`    ${file}: ${reason}`);
    }
    if (nodeFlaky.length) {
      console.log(`\n  note: real node printed different outputs across runs for (machine load?): ${nodeFlaky.join(', ')}`);
    }
    for (const file of nowMatching) {
      console.log(`  note: ${file} is listed in known-divergences.json but now matches node; remove the entry.`);
    }
    if (failures.length) {
      console.log(`\n  ${failures.length} program(s) diverge from node (simulator: ${simCommand().join(' ')}):`);
      for (const f of failures) console.log(`    ${f.file}: ${f.summary}`);
    }
  });

  it('known-divergences.json names existing programs only', function () {
    const all = new Set(listPrograms());
    const missing = [...known.keys()].filter((f) => !all.has(f));
    assert.deepEqual(missing, [], 'entries of known-divergences.json without a program');
  });

  const groups = new Map<string, string[]>();
  for (const file of programs) {
    const g = groupOf(file);
    groups.set(g, [...(groups.get(g) ?? []), file]);
  }

  for (const [file, range] of otherLines) {
    it(`${file} — for node ${range} (reference node is ${referenceNodeMajor()})`);
  }

  for (const [group, files] of groups) {
    describe(group, function () {
      for (const file of files) {
        const reason = known.get(file);
        const title = reason ? `${file} — known divergence: ${reason}` : file;
        it(title, async function () {
          if (problem) throw new Error(problem);
          const result = await start(file);
          if (reason) {
            if (result.ok) nowMatching.push(file);
            this.skip();
          }
          if (!result.ok) {
            failures.push({ file, summary: result.summary });
            assert.fail(`${file} diverges from node:\n${result.report}`);
          }
        });
      }
    });
  }
});
