/**
 * Runs one or more fidelity programs under node and the simulator and prints both outputs and
 * the comparison. Usage (from the repository root):
 *   npx tsx test/fidelity/run-one.ts test/fidelity/programs/await-native-1tick.js [...]
 *   SIM_CMD=node npx tsx test/fidelity/run-one.ts <file>     # harness self-test
 *   npx tsx test/fidelity/run-one.ts --node-only <file>      # just node, 5 times: determinism check
 */
import path from 'node:path';
import { cleanupTemp, compareRuns, normalizeStderr, pathsFor, runUnderNode, runUnderSimulator } from './harness';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const nodeOnly = args.includes('--node-only');
  const files = args.filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));
  let bad = 0;
  for (const file of files) {
    const node = await runUnderNode(file);
    if (nodeOnly) {
      const first = `${node.stdout}\u0000${node.code}\u0000${normalizeStderr(node.stderr, pathsFor(file))}`;
      let same = true;
      for (let i = 1; i < 5; i++) {
        const again = await runUnderNode(file);
        const k = `${again.stdout}\u0000${again.code}\u0000${normalizeStderr(again.stderr, pathsFor(file))}`;
        if (k !== first) same = false;
      }
      if (!same) bad++;
      console.log(`${same ? 'deterministic' : 'NONDETERMINISTIC'} ${path.basename(file)} (exit ${node.code}, ${node.ms} ms)`);
      continue;
    }
    const sim = await runUnderSimulator(file);
    const cmp = compareRuns(node, sim, pathsFor(file));
    console.log(`=== ${path.basename(file)}: ${cmp.ok ? 'MATCH' : 'DIVERGES'} (node ${node.ms} ms, sim ${sim.ms} ms)`);
    console.log(`--- node stdout (exit ${node.code}) ---\n${node.stdout}--- node stderr (normalized) ---\n${normalizeStderr(node.stderr, pathsFor(file))}`);
    if (!cmp.ok) {
      bad++;
      console.log(cmp.report);
    }
  }
  cleanupTemp();
  process.exitCode = bad ? 1 : 0;
}

void main();
