/**
 * src/core/node/testrunner: the files of lib/node<NN> are each line's Node files unchanged (the
 * test runner of node:test, and what it needs of Node's own), and each line's node:test runs
 * inside the simulation: its report is the line's own reporter's (TAP on Node 20 and 22 when stdout is not a terminal, spec on 24+).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NODE_TEST_LINES } from '../../../src/core/node/modules';
import { realNode, SUPPORTED_NODE_MAJORS } from '../../nodes/real-node';
import { distReady, runCli, tempProgram } from '../engine/helpers';

const LIB = path.join(__dirname, '../../../src/core/node/testrunner/lib');

function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('testrunner: lib/node<NN> holds Node\'s own files', function () {
  this.timeout(60_000);
  it('every supported line is ported', () => {
    assert.deepEqual([...NODE_TEST_LINES].sort(), [...SUPPORTED_NODE_MAJORS].sort());
  });
  for (const major of NODE_TEST_LINES) {
    it(`every file of lib/node${major} is the Node ${major} binary's`, function () {
      const dir = path.join(LIB, `node${major}`);
      const names = filesUnder(dir).map((rel) => rel.replace(/\.js$/, ''));
      for (const name of ['test', 'internal/test_runner/harness', 'internal/test_runner/test', 'internal/test_runner/reporter/spec', 'internal/test_runner/reporter/tap']) {
        assert.ok(names.includes(name), `lib/node${major} has ${name}`);
      }
      const script = `const n = process.binding('natives'); process.stdout.write(JSON.stringify(${JSON.stringify(names)}.map((k) => n[k] ?? null)))`;
      const out = spawnSync(realNode(major as 20 | 22 | 24 | 26), ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const sources = JSON.parse(out.stdout) as (string | null)[];
      names.forEach((name, i) => {
        assert.equal(fs.readFileSync(path.join(dir, name + '.js'), 'utf8'), sources[i], `lib/node${major}/${name}.js differs from Node ${major}'s`);
      });
    });
  }
});

describe('testrunner: node:test inside the simulation', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('each line reports with its own default reporter: TAP on Node 20 and 22 (stdout is not a terminal), spec on 24+', () => {
    const dir = tempProgram({ 'main.js': "const test = require('node:test');\ntest('one', async () => { await new Promise((r) => setTimeout(r, 7)); });\n" });
    for (const major of NODE_TEST_LINES) {
      const r = runCli(['run', '--node', String(major), path.join(dir, 'main.js')], dir);
      assert.equal(r.status, 0, r.stderr);
      if (major < 24) assert.match(r.stdout, /^TAP version 13\n# Subtest: one\nok 1 - one\n {2}---\n {2}duration_ms: 7\n(?: {2}type: 'test'\n)? {2}\.\.\.\n1\.\.1\n# tests 1\n/);
      else assert.match(r.stdout, /^✔ one \(7ms\)\nℹ tests 1\n/);
    }
  });

  it('run() (a Node process per test file) is refused with a sentence when called, not when node:test is loaded', () => {
    const dir = tempProgram({ 'main.js': "const { run, test } = require('node:test');\nconsole.log(typeof test);\ntry { run({ files: [] }); } catch (e) { console.log(e.code, e.message); }\n" });
    const r = runCli(['run', '--node', '26', path.join(dir, 'main.js')], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^function\nERR_ASYNC_TIMELINE_NOT_SIMULATED Async Timeline does not simulate node:test's run\(\)/);
  });
});
