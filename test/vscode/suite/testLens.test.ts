/**
 * Visualize one test (issue 12) in the real extension host: the lens above each mocha
 * describe/it, the run of only that test in the simulator (its timeline in the panel, the
 * assertion message in the run's output), a re-run that runs the same test; node:test's lenses
 * running one test with Node's own runner (on a line whose runner is ported), and saying which
 * lines on one whose runner is not.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TestTarget } from '../../../src/extension/commands';
import { NODE_TEST_LINES } from '../../../src/core/node/modules';
import type { CommandOutcome } from '../../../src/extension/visualize';
import { activate, closeAllEditors, open, waitFor, wsFile } from './util';

async function lensesOf(relative: string): Promise<vscode.CodeLens[]> {
  await open(relative);
  return waitFor(`the test lenses of ${relative}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', wsFile(relative), 100);
    const tests = (lenses ?? []).filter((l) => l.command?.command === 'asyncTimeline.visualizeTest');
    return tests.length > 0 && tests;
  });
}

suite('visualize one test', function () {
  this.timeout(180_000);
  suiteSetup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  test('a lens above each describe and it of a mocha file', async () => {
    await activate();
    const lenses = await lensesOf('orders.test.ts');
    assert.deepStrictEqual(lenses.map((l) => [l.range.start.line + 1, l.command!.title]), [
      [16, '▶ Visualize suite'], [21, '▶ Visualize test'], [25, '▶ Visualize test'],
    ]);
    assert.deepStrictEqual((lenses[2].command!.arguments![0] as TestTarget).fullTitle, 'orders two customers race for the last item');
  });

  test('runs only that test in the simulator: its timeline, mocha’s hooks, the failure said', async () => {
    const api = await activate();
    const [, , race] = await lensesOf('orders.test.ts');
    const outcome = await vscode.commands.executeCommand<CommandOutcome>(race.command!.command, ...race.command!.arguments!);
    assert.strictEqual(outcome?.status, 'finished');
    const record = api.getLastRun(wsFile('orders.test.ts'))!;
    const trace = record.result!.trace;
    const out = trace.strings.join('');
    assert.match(out, /1\) two customers race for the last item/);
    assert.match(out, /only one may get the last item/);
    assert.doesNotMatch(out, /one customer gets the last item/, 'only the chosen test ran');
    assert.strictEqual(trace.meta.endTime, 10, 'virtual time: the two reserve() calls wait 10 ms together');
    assert.strictEqual(trace.tasks.filter((t) => t.name === 'reserve').length, 2);
    assert.ok(trace.files.some((f) => f.includes('mocha/lib/runner')), 'mocha’s runner ran in the simulation');
    const panel = await waitFor('the timeline panel with the test’s trace', () => { const p = api.getPanel(wsFile('orders.test.ts')); return p?.ready && p.hasTrace && p; }, 60_000);
    assert.strictEqual(panel.title, 'Timeline · orders.test.ts');
    // Re-run runs the same test, not the file as a plain program (where describe is undefined).
    const again = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.rerun', wsFile('orders.test.ts'));
    assert.strictEqual(again?.status, 'finished');
    assert.match(api.getLastRun(wsFile('orders.test.ts'))!.result!.trace.strings.join(''), /two customers race/);
  });

  test('node:test: a lens above each test and suite; a click runs only that test with Node’s own runner, in virtual time', async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('asyncTimeline', wsFile('node-test.test.ts'));
    await config.update('nodeVersion', String(NODE_TEST_LINES[NODE_TEST_LINES.length - 1]), vscode.ConfigurationTarget.Workspace);
    try {
      const lenses = await lensesOf('node-test.test.ts');
      assert.deepStrictEqual(lenses.map((l) => [l.range.start.line + 1, l.command!.title]), [
        [7, '▶ Visualize test'], [11, '▶ Visualize suite'], [12, '▶ Visualize test'],
      ]);
      assert.match(lenses[0].command!.tooltip!, /node:test, inside the simulator/);
      const outcome = await vscode.commands.executeCommand<CommandOutcome>(lenses[0].command!.command, ...lenses[0].command!.arguments!);
      assert.strictEqual(outcome?.status, 'finished');
      const trace = api.getLastRun(wsFile('node-test.test.ts'))!.result!.trace;
      const out = trace.strings.join('');
      assert.match(out, /✔ a node:test test \(10ms\)/);
      assert.match(out, /ℹ tests 1\n/);
      assert.doesNotMatch(out, /fails after a wait/, 'only the chosen test ran');
      assert.strictEqual(trace.meta.endTime, 10, 'virtual time: the test waits 10 ms');
      assert.ok(trace.files.includes('node:internal/test_runner/test'), 'Node’s runner ran in the simulation');
      // The failing test of the suite: its assertion message is the run's output, exit code 1.
      const failing = await vscode.commands.executeCommand<CommandOutcome>(lenses[2].command!.command, ...lenses[2].command!.arguments!);
      assert.strictEqual(failing?.status, 'finished');
      const failed = api.getLastRun(wsFile('node-test.test.ts'))!.result!;
      assert.match(failed.trace.strings.join(''), /✖ fails after a wait \(5ms\)[\s\S]*one and one make two/);
      assert.strictEqual(failed.exitCode, 1);
    } finally {
      await config.update('nodeVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('node:test on Node 20: the lens selects the test in an ES module too (the pattern is in process.execArgv before node:test loads)', async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('asyncTimeline', wsFile('node-test.test.ts'));
    await config.update('nodeVersion', '20', vscode.ConfigurationTarget.Workspace);
    try {
      const lenses = await lensesOf('node-test.test.ts');
      const outcome = await vscode.commands.executeCommand<CommandOutcome>(lenses[0].command!.command, ...lenses[0].command!.arguments!);
      assert.strictEqual(outcome?.status, 'finished');
      const out = api.getLastRun(wsFile('node-test.test.ts'))!.result!.trace.strings.join('');
      // Node 20's report off a terminal is TAP: the other tests are skipped by the pattern.
      assert.match(out, /^ok 1 - a node:test test$/m);
      assert.match(out, /fails after a wait # SKIP test name does not match pattern/);
      assert.match(out, /^# pass 1$/m);
    } finally {
      await config.update('nodeVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('node:test on a Node line whose runner is not ported: the click says which lines have it', async function () {
    const unported = (['20', '22', '24', '26'] as const).find((line) => !NODE_TEST_LINES.includes(Number(line)));
    if (unported === undefined) this.skip();
    await activate();
    const config = vscode.workspace.getConfiguration('asyncTimeline', wsFile('node-test.test.ts'));
    await config.update('nodeVersion', unported, vscode.ConfigurationTarget.Workspace);
    try {
      const [lens] = await lensesOf('node-test.test.ts');
      const outcome = await vscode.commands.executeCommand<CommandOutcome>(lens.command!.command, ...lens.command!.arguments!);
      assert.strictEqual(outcome?.status, 'dismissed');
      assert.match(outcome!.message!, new RegExp(`node:test runs inside the simulation for Node .*, not for Node ${unported}`));
    } finally {
      await config.update('nodeVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
