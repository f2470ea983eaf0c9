/**
 * Runs one or more fidelity programs under the real Node of each line and the simulator with the
 * matching `--node`, and prints node's output and the comparison. Usage (from the repository root):
 *   npx tsx test/fidelity/run-one.ts test/fidelity/programs/await-native-1tick.js [...]
 *   npx tsx test/fidelity/run-one.ts --node 22,26 <file>     # only these lines (FIDELITY_NODES too)
 *   SIM_CMD=node npx tsx test/fidelity/run-one.ts <file>     # harness self-test
 *   npx tsx test/fidelity/run-one.ts --node-only <file>      # just node, 5 times per line: determinism check
 */
import path from 'node:path';
import { cleanupTemp, compareRuns, fidelityMajors, normalizeStderr, pathsFor, runUnderNode, runUnderSimulator, stdoutNormalizer } from './harness';
import { SUPPORTED_NODE_MAJORS, type NodeMajor } from '../nodes/real-node';

function parseMajors(args: string[]): NodeMajor[] {
  const i = args.findIndex((a) => a === '--node' || a.startsWith('--node='));
  if (i < 0) return fidelityMajors();
  const raw = args[i].includes('=') ? args[i].slice('--node='.length) : args[i + 1];
  const majors = (raw ?? '').split(',').map(Number);
  if (!majors.length || majors.some((m) => !(SUPPORTED_NODE_MAJORS as readonly number[]).includes(m))) {
    throw new Error(`--node ${raw}: expected lines among ${SUPPORTED_NODE_MAJORS.join(', ')}, comma-separated`);
  }
  if (!args[i].includes('=')) args.splice(i + 1, 1);
  args.splice(i, 1);
  return majors as NodeMajor[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const majors = parseMajors(args);
  const nodeOnly = args.includes('--node-only');
  const files = args.filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));
  let bad = 0;
  for (const file of files) {
    for (const major of majors) {
      const node = await runUnderNode(file, major);
      if (nodeOnly) {
        const out = stdoutNormalizer(file) ?? ((text: string) => text);
        const first = `${out(node.stdout)}\u0000${node.code}\u0000${normalizeStderr(node.stderr, pathsFor(file))}`;
        let same = true;
        for (let i = 1; i < 5; i++) {
          const again = await runUnderNode(file, major);
          const k = `${out(again.stdout)}\u0000${again.code}\u0000${normalizeStderr(again.stderr, pathsFor(file))}`;
          if (k !== first) same = false;
        }
        if (!same) bad++;
        console.log(`${same ? 'deterministic' : 'NONDETERMINISTIC'} ${path.basename(file)} [node ${major}] (exit ${node.code}, ${node.ms} ms)`);
        continue;
      }
      const sim = await runUnderSimulator(file, major);
      const cmp = compareRuns(node, sim, pathsFor(file));
      console.log(`=== ${path.basename(file)} [node ${major}]: ${cmp.ok ? 'MATCH' : 'DIVERGES'} (node ${node.ms} ms, sim ${sim.ms} ms)`);
      console.log(`--- node stdout (exit ${node.code}) ---\n${node.stdout}--- node stderr (normalized) ---\n${normalizeStderr(node.stderr, pathsFor(file))}`);
      if (!cmp.ok) {
        bad++;
        console.log(cmp.report);
      }
    }
  }
  cleanupTemp();
  process.exitCode = bad ? 1 : 0;
}

void main();
