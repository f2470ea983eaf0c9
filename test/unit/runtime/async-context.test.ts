/**
 * AsyncLocalStorage and async_hooks per Node line, until the fidelity suite runs each line's real
 * Node (test/fidelity/README.md, "Per-version programs"): the als-/asynchooks- programs that use
 * no I/O and no module of Node's JS layer (src/core/node), each run under the real Node of every line it claims (its `// node:` header) and under
 * the runtime imitating that line (`nodeMajor`); stdout must be identical.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { realNode, SUPPORTED_NODE_MAJORS } from '../../nodes/real-node';
import { programTargets } from '../../fidelity/harness';
import { runSim } from './harness';

const PROGRAMS = path.join(__dirname, '../../fidelity/programs');
const FILES = [
  'als-enterwith.js',
  'als-exit-disable.js',
  'als-bind-snapshot.js',
  'als-execution-ids.js',
  'als-execution-ids-acf.js',
  'als-options-withscope.js',
  'asynchooks-ids.js',
  'asynchooks-ids-acf.js',
  'asynchooks-createhook.js',
  'asynchooks-promises.js',
];

describe('async-context: AsyncLocalStorage and async_hooks on each Node line (real node vs runtime)', function () {
  this.timeout(60_000);
  for (const file of FILES) {
    const abs = path.join(PROGRAMS, file);
    const claims = programTargets(abs);
    for (const major of SUPPORTED_NODE_MAJORS) {
      if (!claims(major)) continue;
      it(`${file} on Node ${major}`, function () {
        const source = fs.readFileSync(abs, 'utf8');
        const real = spawnSync(realNode(major), [abs], { encoding: 'utf8', timeout: 20_000 });
        const sim = runSim(source, { nodeMajor: major });
        assert.equal(sim.stdout, real.stdout);
        assert.equal(sim.code, real.status);
      });
    }
  }
});
