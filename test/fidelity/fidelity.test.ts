/**
 * Differential fidelity suite: every program in test/fidelity/programs/, and the samples real
 * Node runs as they are (DIFFERENTIAL_SAMPLES in harness.ts), is run under the real Node of every
 * supported line (test/nodes: 20, 22, 24, 26; FIDELITY_NODES restricts them) and
 * under the simulator with the matching `--node` (`node dist/cli.js run --node <major> <file>`, or
 * SIM_CMD); per line, stdout and the exit code must be identical, stderr identical after
 * `normalizeStderr` (see harness.ts and README.md). There are no stored outputs: each line's
 * expected output is what that line's real Node prints, so lines that print differently need
 * nothing written down. Real node and the simulator run in two pools at once (real node mostly
 * waits for its timers), all started before the tests; each test awaits its own pair.
 * FIDELITY_ONLY=<substring> restricts the programs.
 */
import assert from 'node:assert/strict';
import {
  cleanupTemp,
  racyLines,
  compareRuns,
  concurrency,
  fidelityMajors,
  groupOf,
  listCheckedPrograms,
  listPrograms,
  loadKnownDivergences,
  makePool,
  nodeConcurrency,
  pathsFor,
  processTimeoutMs,
  programPath,
  programTargets,
  runUnderNode,
  runUnderSimulator,
  simCommand,
  simulatorProblem,
  type Comparison,
} from './harness';
import type { NodeMajor } from '../nodes/real-node';

const only = process.env.FIDELITY_ONLY;
const programs = listCheckedPrograms().filter((f) => !only || only.split(',').some((o) => f.includes(o.trim())));
const majors = fidelityMajors();
const known = loadKnownDivergences();
const nodeRetries = process.env.FIDELITY_NODE_RETRIES === undefined ? 2 : Number(process.env.FIDELITY_NODE_RETRIES);
const nodeFlaky: string[] = [];

/** How a program's test for one line is named (and found with mocha's --grep). */
const titleOf = (file: string, major: NodeMajor) => `${file} [node ${major}]`;

describe('fidelity: real node vs simulator', function () {
  this.timeout(processTimeoutMs * 2 + 60_000);
  const simPool = makePool(concurrency);
  const nodePool = makePool(nodeConcurrency);
  const jobs = new Map<string, Promise<Comparison>>();
  const failures: { title: string; summary: string }[] = [];
  const nowMatching: string[] = [];
  let problem: string | undefined;
  let startedAt = 0;

  const start = (file: string, major: NodeMajor): Promise<Comparison> => {
    const key = titleOf(file, major);
    let job = jobs.get(key);
    if (!job) {
      const abs = programPath(file);
      job = (async () => {
        const [node, sim] = await Promise.all([nodePool(() => runUnderNode(abs, major)), simPool(() => runUnderSimulator(abs, major))]);
        const first = compareRuns(node, sim, pathsFor(abs));
        // Real node on a loaded machine can fire a timer late enough to reorder macrotasks of
        // different chains. Before reporting a divergence, ask node again: if any of its runs
        // prints what the simulator printed, that output is a real Node behaviour.
        if (!first.ok && !sim.timedOut) {
          for (let k = 0; k < nodeRetries; k++) {
            const again = compareRuns(await nodePool(() => runUnderNode(abs, major)), sim, pathsFor(abs));
            if (again.ok) {
              nodeFlaky.push(key);
              return again;
            }
          }
        }
        return first;
      })();
      job.catch(() => undefined);
      jobs.set(key, job);
    }
    return job;
  };

  before(function () {
    problem = simulatorProblem();
    if (problem) return;
    startedAt = Date.now();
    for (const file of programs) {
      const racy = racyLines(programPath(file));
      // A program written for some lines only (`// node: >=24`) is not run against the others.
      const claimed = programTargets(programPath(file));
      for (const major of majors) if (!racy.has(major) && claimed(major)) start(file, major);
    }
  });

  after(function () {
    cleanupTemp();
    if (startedAt) console.log(`\n  ${programs.length} programs × Node ${majors.join('/')}: ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    if (known.size) {
      console.log(`\n  known divergences (${known.size}), reported as pending:`);
      for (const [file, reason] of known) console.log(`    ${file}: ${reason}`);
    }
    if (nodeFlaky.length) {
      console.log(`\n  note: real node printed different outputs across runs for (machine load?): ${nodeFlaky.join(', ')}`);
    }
    for (const file of new Set(nowMatching)) {
      console.log(`  note: ${file} is listed in known-divergences.json but now matches node; remove the entry.`);
    }
    if (failures.length) {
      console.log(`\n  ${failures.length} run(s) diverge from node (simulator: ${simCommand(majors[0]).join(' ')} …):`);
      for (const f of failures) console.log(`    ${f.title}: ${f.summary}`);
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

  for (const [group, files] of groups) {
    describe(group, function () {
      for (const file of files) {
        const racy = racyLines(programPath(file));
        const claimed = programTargets(programPath(file));
        for (const major of majors) {
          if (!claimed(major)) continue; // written for other lines only
          const reason = known.get(file);
          const title = titleOf(file, major);
          const race = racy.get(major);
          if (race !== undefined) {
            // Real Node of this line prints different things from run to run: nothing to compare.
            it.skip(`${title} — racy in real Node ${major}: ${race}`);
            continue;
          }
          it(reason ? `${title} — known divergence: ${reason}` : title, async function () {
            if (problem) throw new Error(problem);
            const result = await start(file, major);
            if (reason) {
              if (result.ok) nowMatching.push(file);
              this.skip();
            }
            if (!result.ok) {
              failures.push({ title, summary: result.summary });
              assert.fail(`${title} diverges from node ${major}:\n${result.report}`);
            }
          });
        }
      }
    });
  }
});
