/**
 * Visualize one test (issue 12) in the real extension host: the lens above each mocha
 * describe/it, the run of only that test in the simulator (its timeline in the panel, the
 * assertion message in the run's output), a re-run that runs the same test, and node:test's
 * lens saying it cannot run and naming what can.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TestTarget } from '../../../src/extension/commands';
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

  test('node:test: the lens says it cannot run, and the command names what can', async () => {
    await activate();
    const [lens] = await lensesOf('node-test.test.ts');
    assert.match(lens.command!.title, /node:test: not supported/);
    assert.match(lens.command!.tooltip!, /Supported: mocha/);
    const outcome = await vscode.commands.executeCommand<CommandOutcome>(lens.command!.command, ...lens.command!.arguments!);
    assert.strictEqual(outcome?.status, 'dismissed');
    assert.match(outcome!.message!, /node:test cannot run inside the simulation yet/);
  });
});
