import assert from 'node:assert/strict';
import { normalizeStderr, runNode, runSim } from './harness';
import { programs } from './programs';
import { programs2 } from './programs2';

describe('runtime differential (simulated vs real node)', () => {
  for (const [name, source] of Object.entries({ ...programs, ...programs2 })) {
    it(name, () => {
      const expected = runNode(source);
      const actual = runSim(source);
      assert.equal(actual.stdout, expected.stdout, 'stdout');
      assert.equal(actual.code, expected.code, 'exit code');
      assert.equal(normalizeStderr(actual.stderr), normalizeStderr(expected.stderr), 'stderr');
    });
  }
});
