/**
 * Visualize one test (src/core/testing/tests.ts, CLI `run --test`): tests found with the
 * TypeScript parser, the framework told from the imports, mocha run inside the simulation with
 * only the chosen test, and a clear sentence for what cannot run.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { detectFramework, findTests, grepFor, mochaProgram, nodeTestExecArgv, nodeTestPatternFor, someNodeTestMatches, unsupportedMessage } from '../../../src/core/testing/tests';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { distReady, ROOT, runCli } from '../engine/helpers';
import { realNode } from '../../nodes/real-node';
import { spawnSync } from 'node:child_process';

const ORDERS = path.join(__dirname, 'fixtures', 'orders.mocha.ts');
const NODE_ORDERS = path.join(__dirname, 'fixtures', 'orders.node-test.js');
/** The same tests as an ES module: its imports (node:test's load) evaluate before its first line. */
const NODE_ORDERS_ESM = path.join(__dirname, 'fixtures', 'orders.node-test.mjs');

/**
 * node:test's measured durations (real time under Node, virtual in the simulator) and the stack
 * frames of a failure (the spec reporter's `at …` lines, the TAP reporter's `stack: |-` block:
 * Node's name its internal files; the simulation's async frames differ) left out.
 */
const withoutDurations = (text: string): string => text.replace(/^ +at .*\n/gm, '').replace(/^( +)stack: \|-\n(?:\1 .*\n)*/gm, '').replace(/ \(\d+(?:\.\d+)?ms\)(?=(?: # .*)?$)/gm, '').replace(/duration_ms(:?) \d+(?:\.\d+)?/g, 'duration_ms$1 <ms>');

describe('testing: find, tell, wrap', () => {
  it('finds describe/it (and .only/.skip, suite/test) with their mocha full titles and lines', () => {
    const tests = findTests(fs.readFileSync(ORDERS, 'utf8'), ORDERS);
    assert.deepEqual(tests.map((t) => [t.kind, t.fullTitle, t.line]), [
      ['suite', 'orders', 16],
      ['test', 'orders one customer gets the last item', 21],
      ['test', 'orders two customers race for the last item', 25],
    ]);
    const more = findTests("suite('a', () => { test.only('b', () => {}); describe.skip(`c`, () => { it('d'); }); });\nit(name, () => {});\n", 'x.js');
    assert.deepEqual(more.map((t) => t.fullTitle), ['a', 'a b', 'a c', 'a c d']);
  });

  it('tells the framework from the imports; mocha and node:test (on its ported lines) are supported, the others say why', () => {
    assert.equal(detectFramework("import test from 'node:test';"), 'node:test');
    assert.equal(detectFramework("const { describe } = require('node:test');"), 'node:test');
    assert.equal(detectFramework("import { describe, it } from 'vitest';"), 'vitest');
    assert.equal(detectFramework("import { it } from '@jest/globals';"), 'jest');
    assert.equal(detectFramework("import { describe } from 'mocha';"), 'mocha');
    assert.equal(detectFramework("describe('x', () => {});"), 'mocha');
    assert.equal(unsupportedMessage('mocha'), undefined);
    assert.equal(unsupportedMessage('node:test'), undefined);
    assert.equal(unsupportedMessage('node:test', 26), undefined);
    assert.match(unsupportedMessage('vitest')!, /vitest cannot run inside the simulation.*Supported: mocha .* and node:test/);
  });

  it('grep: exactly a test, or every test of a suite; the wrapped file keeps its lines', () => {
    assert.equal(grepFor({ kind: 'test', fullTitle: 'a (b) c?' }), '/^a \\(b\\) c\\?$/');
    assert.equal(grepFor({ kind: 'suite', fullTitle: 'orders' }), '/^orders /');
    const source = fs.readFileSync(ORDERS, 'utf8');
    const wrapped = mochaProgram(source, '/^orders /');
    const lines = wrapped.split('\n');
    const original = source.split('\n');
    for (let i = 1; i < original.length; i++) assert.equal(lines[i], original[i], `line ${i + 1}`);
    assert.ok(lines[0].endsWith(original[0]));
    assert.doesNotMatch(mochaProgram('#!/usr/bin/env node\nit("x", () => {});', 'x').split('\n')[0], /^#!/);
  });

  it('node:test: a pattern for exactly a test (its name after its suites\'), Node\'s options as `node --test-name-pattern=<pattern> <file>` has them', () => {
    const tests = findTests(fs.readFileSync(NODE_ORDERS, 'utf8'), NODE_ORDERS);
    assert.deepEqual(tests.map((t) => [t.kind, t.fullTitle, t.line]), [
      ['suite', 'orders', 15],
      ['test', 'orders one customer gets the last item', 21],
      ['test', 'orders two customers race for the last item', 25],
      ['test', 'stock is counted', 31],
    ]);
    assert.equal(nodeTestPatternFor({ fullTitle: 'a (b) c?', title: 'c?' }, 26), '/^a \\(b\\) c\\?$/');
    // Node 20 matches a test's own name only (checked against real Node 20: the full title selects nothing nested).
    assert.equal(nodeTestPatternFor({ fullTitle: 'a (b) c?', title: 'c?' }, 20), '/^c\\?$/');
    assert.ok(someNodeTestMatches(tests, '/^orders two customers race for the last item$/'));
    assert.ok(someNodeTestMatches(tests, 'race'));
    assert.ok(!someNodeTestMatches(tests, 'nobody'));
    assert.deepEqual(nodeTestExecArgv('/^a b$/'), ['--test-name-pattern=/^a b$/']);
  });
});

describe('cli: run <file> --test "<pattern>"', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('runs only the chosen mocha test inside the simulation: virtual time, its tasks and mocha’s in the trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-test-'));
    const out = path.join(dir, 't.json');
    const r = runCli(['run', ORDERS, '--test', 'one customer', '--trace', out], ROOT);
    assert.equal(r.status, 0, r.stderr);
    // Mocha colours its report when the environment says the terminal can (CI=true does).
    const report = stripVTControlCharacters(r.stdout);
    assert.match(report, /orders\n\s+✔ one customer gets the last item\n\n\n\s+1 passing \(10ms\)/);
    assert.doesNotMatch(r.stdout, /race/);
    const trace = JSON.parse(fs.readFileSync(out, 'utf8')) as TraceFile;
    assert.equal(trace.meta.endTime, 10, 'the sleep(10) in virtual time');
    assert.ok(trace.tasks.some((t) => t.name === 'reserve'), 'the test’s own task');
    assert.ok(trace.files.some((f) => f.includes('node_modules/mocha/lib/runner')), 'mocha’s runner ran in the simulation');
    assert.ok(trace.events.kind.includes(EventKind.TimerSchedule));
  });

  it('the race: both customers get the last item, the assertion message is the output', () => {
    const r = runCli(['run', ORDERS, '--test', '/race/'], ROOT);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /1\) two customers race for the last item/);
    assert.match(r.stdout, /only one may get the last item/);
  });

  it('no test matches, a file without tests, node:test, a missing file: one sentence each', () => {
    const none = runCli(['run', ORDERS, '--test', 'nobody'], ROOT);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no test in this file matches nobody/);
    fs.mkdirSync(path.join(ROOT, '.test-output'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, '.test-output', 'at-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'plain.ts'), 'console.log(1);\n');
      fs.writeFileSync(path.join(dir, 'node.ts'), "import test from 'node:test';\ntest('a', () => {});\n");
      const plain = runCli(['run', path.join(dir, 'plain.ts'), '--test', 'x'], ROOT);
      assert.equal(plain.status, 1);
      assert.match(plain.stderr, /has no tests: no describe\/it\/suite\/test call/);
      const vitest = path.join(dir, 'v.test.ts');
      fs.writeFileSync(vitest, "import { it } from 'vitest';\nit('a', () => {});\n");
      const v = runCli(['run', vitest, '--test', 'a'], ROOT);
      assert.equal(v.status, 2);
      assert.match(v.stderr, /vitest cannot run inside the simulation.*Supported: mocha/);
      assert.equal(v.stdout, '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.match(runCli(['run', ORDERS, '--test', 'x', '--entry', 'f'], ROOT).stderr, /--test and --entry cannot be combined/);
  });
});

describe('cli: run <file> --test "<pattern>" on a node:test file', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  // The lens's pattern for a nested test selects it on the real Node of each line (Node 20 matches
  // a test's own name, 22+ the name after its suites': the full title selected nothing on 20).
  for (const major of [20, 22, 26] as const) {
    it(`the lens's pattern for a test inside a suite runs exactly that test on real Node ${major}`, () => {
      const test = findTests(fs.readFileSync(NODE_ORDERS_ESM, 'utf8'), NODE_ORDERS_ESM).find((t) => t.fullTitle === 'orders one customer gets the last item')!;
      const node = spawnSync(realNode(major), [`--test-name-pattern=${nodeTestPatternFor(test, major)}`, NODE_ORDERS_ESM], { cwd: path.dirname(NODE_ORDERS_ESM), encoding: 'utf8' });
      // It ran and passed, and it is the only test that ran (TAP's `# pass 1`, the spec reporter's `ℹ pass 1`).
      assert.doesNotMatch(node.stdout, /one customer gets the last item # SKIP/);
      assert.match(node.stdout, /one customer gets the last item/);
      assert.match(node.stdout, /^[#ℹ] pass 1$/m);
    });
  }

  // What `node --test-name-pattern=<pattern> <file>` prints is the expectation: Node's own runner.
  // Node 20's runner reads the pattern when node:test loads — in an ES module, before the file's
  // first line — Node 26's when the first test runs: the options are there from the start.
  const ALL = ['/^orders two customers race for the last item$/', '/^orders one customer gets the last item$/', 'orders', 'stock', '/^stock is counted$/'];
  const SOME = ['/^orders one customer gets the last item$/', 'stock'];
  for (const [file, major, patterns] of [[NODE_ORDERS, 26, ALL], [NODE_ORDERS_ESM, 26, SOME], [NODE_ORDERS, 20, SOME], [NODE_ORDERS_ESM, 20, ALL]] as const) {
    for (const pattern of patterns) {
      it(`${path.basename(file)} --test ${pattern} prints what Node ${major} prints with --test-name-pattern (durations aside), with its exit code`, () => {
        const node = spawnSync(realNode(major), [`--test-name-pattern=${pattern}`, file], { cwd: path.dirname(file), encoding: 'utf8' });
        const sim = runCli(['run', '--node', String(major), file, '--test', pattern], path.dirname(file));
        assert.equal(sim.stderr, '');
        assert.equal(withoutDurations(sim.stdout), withoutDurations(node.stdout));
        assert.equal(sim.status, node.status);
      });
    }
  }

  it('the program sees the options as Node gives them: process.execArgv holds the pattern from its first line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-test-'));
    try {
      const file = path.join(dir, 'argv.test.mjs');
      fs.writeFileSync(file, "import test from 'node:test';\nconsole.log(JSON.stringify(process.execArgv));\ntest('a', () => {});\n");
      const node = spawnSync(realNode(20), ['--test-name-pattern=a', file], { cwd: dir, encoding: 'utf8' });
      const sim = runCli(['run', '--node', '20', file, '--test', 'a'], dir);
      assert.equal(sim.stdout.split('\n')[0], '["--test-name-pattern=a"]');
      assert.equal(withoutDurations(sim.stdout), withoutDurations(node.stdout));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the race: the failure and its message are the output, exit 1; the runner and the test’s tasks are on the timeline, in virtual time', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-test-'));
    const out = path.join(dir, 't.json');
    const r = runCli(['run', '--node', '26', NODE_ORDERS, '--test', '/^orders two customers race for the last item$/', '--trace', out], ROOT);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^▶ orders\n {2}✖ two customers race for the last item \(10ms\)\n/m);
    assert.match(r.stdout, /only one may get the last item, got 2/);
    assert.doesNotMatch(r.stdout, /one customer gets|stock is counted/);
    const trace = JSON.parse(fs.readFileSync(out, 'utf8')) as TraceFile;
    assert.ok(trace.tasks.filter((t) => t.name === 'reserve').length === 2, 'the test’s own tasks');
    assert.ok(trace.files.some((f) => f === 'node:internal/test_runner/test'), `Node's runner ran in the simulation: ${trace.files.join(', ')}`);
    assert.ok(trace.files.some((f) => f === 'node:internal/test_runner/harness'));
    assert.ok(trace.events.kind.includes(EventKind.TimerSchedule));
  });

  it('a pattern no test matches: said on stderr, and the run reports no test, as Node does', () => {
    const r = runCli(['run', '--node', '26', NODE_ORDERS, '--test', 'nobody'], ROOT);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /no test of this file with a literal name matches nobody/);
    assert.match(r.stdout, /ℹ tests 0\n/);
  });
});
