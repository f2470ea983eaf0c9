/**
 * Built-ins the simulation does not run yet (src/core/engine/not-simulated.ts) are refused at
 * the program's own require/import line with a sentence that says why, instead of being the
 * host's real module whose callbacks would be lost (or reach the network).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { runProgram } from '../../../src/core/engine/run';
import { NOT_SIMULATED_CODE, notSimulatedReason } from '../../../src/core/engine/not-simulated';
import { distReady, tempProgram } from './helpers';

async function run(dir: string, file: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const r = await runProgram({ file, cwd: dir, onOutput: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)) });
  return { stdout, stderr, exitCode: r.exitCode };
}

describe('built-ins that are not simulated', () => {
  before(function () {
    if (!distReady()) this.skip();
  });

  it('knows https, tls, http2, dgram, cluster, with or without node:, and nothing simulated', () => {
    for (const name of ['https', 'node:https', 'tls', 'http2', 'dgram', 'cluster']) {
      assert.match(notSimulatedReason(name) ?? '', new RegExp(`does not simulate the '${name}' module yet: .+ event loop`), name);
    }
    for (const name of ['http', 'net', 'fs', 'node:timers', 'worker_threads', 'path', 'test2', 'constructor', 'toString', 'node:test', 'test/reporters']) {
      assert.equal(notSimulatedReason(name), undefined, name);
    }
  });

  it('node:test runs on the lines whose runner is ported (all four); a line without it would be refused with the lines that have it', () => {
    for (const major of [20, 22, 24, 26]) assert.equal(notSimulatedReason('node:test', major), undefined, String(major));
    assert.match(notSimulatedReason('node:test', 18) ?? '', /does not simulate the 'node:test' module yet: .*ported for Node 20, 22, 24, 26 but not for Node 18/);
    assert.match(notSimulatedReason('test/reporters', 18) ?? '', /belongs to node:test, ported for Node 20, 22, 24, 26 but not for Node 18/);
  });

  it('a CommonJS require of https throws at its line, before anything else runs, and nothing is lost silently', async () => {
    const dir = tempProgram({ 'main.js': "console.log('before');\nconst https = require('node:https');\nhttps.get('https://127.0.0.1:1/');\nsetTimeout(() => console.log('never'), 10);\n" });
    const r = await run(dir, path.join(dir, 'main.js'));
    assert.equal(r.stdout, 'before\n');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /main\.js:2\n/);
    assert.match(r.stderr, /Error: Async Timeline does not simulate the 'node:https' module yet/);
    assert.ok(r.stderr.includes(`code: '${NOT_SIMULATED_CODE}'`), r.stderr);
  });

  it('an ES module importing node:test runs its test inside the simulation (Node\'s own runner)', async () => {
    const dir = tempProgram({ 'main.mjs': "import test from 'node:test';\ntest('t', () => console.log('in test'));\n" });
    const r = await run(dir, path.join(dir, 'main.mjs'));
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^in test\n/);
    assert.match(r.stdout, /# pass 1\n/, 'Node 20 (the default line) reports in TAP off a terminal');
  });
});
