import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TestTarget } from '../../../src/extension/commands';
import { activate, closeAllEditors, open, waitFor, wsFile } from './util';

/** What `asyncTimeline.findRaces` returns (src/extension/findRaces.ts FindRacesOutcome). */
interface FindRacesOutcome {
  status: string;
  message?: string;
  runs?: number;
  outcomes?: { label: string; count: number; schedule: string; isDefault: boolean }[];
  shownSchedule?: string;
  divergenceMs?: number;
}

suite('find races', function () {
  this.timeout(180_000);
  suiteSetup(async () => {
    await activate();
    await closeAllEditors();
  });
  suiteTeardown(closeAllEditors);

  test('is in the Command Palette and on the CodeLens next to Visualize', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('asyncTimeline.findRaces'));
    const document = await vscode.workspace.openTextDocument(wsFile('samples/race.ts'));
    await vscode.window.showTextDocument(document);
    const lenses = await waitFor('the lenses of race.ts', async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10)) ?? [];
      return all.some((l) => l.command?.command === 'asyncTimeline.findRaces') ? all : undefined;
    });
    const races = lenses.find((l) => l.command?.command === 'asyncTimeline.findRaces')!;
    assert.strictEqual(races.command!.title, '⚡ Find races');
    const visualize = lenses.find((l) => l.command?.command === 'asyncTimeline.visualizeFunction' && l.range.start.line === races.range.start.line);
    assert.ok(visualize, 'on the same line as a Visualize lens');
  });

  test('samples/race.ts: finds the lost money and shows the two runs in the compare view, the first divergence marked', async () => {
    const api = await activate();
    const result = (await vscode.commands.executeCommand('asyncTimeline.findRaces', wsFile('samples/race.ts'))) as FindRacesOutcome;
    assert.strictEqual(result.status, 'finished', result.message);
    assert.strictEqual(result.runs, 200);
    assert.match(result.message ?? '', /200 runs, 2 outcomes/);
    const lost = result.outcomes?.find((o) => /total 180/.test(o.label));
    assert.ok(lost, JSON.stringify(result.outcomes));
    assert.strictEqual(result.shownSchedule, lost.schedule);
    assert.ok(typeof result.divergenceMs === 'number' && result.divergenceMs > 0, String(result.divergenceMs));
    const panel = await waitFor('the races panel, ready', () => api.getComparisons().find((p) => p.ready && /^Races · race\.ts$/.test(p.title)), 60_000);
    assert.ok(panel.posted.includes('showComparison') || panel.posted.includes('init'), panel.posted.join(', '));
  });

  test('a Find races panel restored after a reload replays the runs it showed, beside the saved outcomes', async () => {
    const api = await activate();
    await closeAllEditors();
    await waitFor('no compare panel left', () => api.getComparisons().length === 0);
    // The state the webview saved with setState (app.ts showComparison): the file, and the explorer's report.
    const uri = wsFile('samples/race.ts').toString();
    const races = {
      headline: 'samples/race.ts: 200 runs, 2 outcomes — a race: the schedule changes what the program does',
      outcomes: [
        { label: 'default schedule', count: 173, frequency: 0.865, schedule: 'default', shown: true },
        { label: 'prints "alice 80, bob 100, total 180"', count: 27, frequency: 0.135, schedule: 'late@1', shown: true },
      ],
      shownSchedules: ['default', 'late@1'],
    };
    await api.restorePanel({ compareSources: [uri, uri], races });
    const restored = await waitFor('the restored races panel, ready with its runs', () =>
      api.getComparisons().find((p) => p.ready && p.posted.some((t) => t === 'showComparison' || t === 'init')), 60_000);
    assert.strictEqual(restored.title, 'Races · race.ts', 'a races panel again, not a plain comparison');
    // A schedule that cannot be read (a hand-edited state) closes the panel instead of showing something else.
    await closeAllEditors();
    await waitFor('no compare panel left', () => api.getComparisons().length === 0);
    await api.restorePanel({ compareSources: [uri, uri], races: { ...races, shownSchedules: ['default', 'sideways@1'] } });
    await new Promise((r) => setTimeout(r, 1500));
    assert.strictEqual(api.getComparisons().length, 0);
  });

  test('a test lens: "Find races in this test" explores that test alone and finds the flaky one\'s lost money', async () => {
    const api = await activate();
    await closeAllEditors();
    const config = vscode.workspace.getConfiguration('asyncTimeline', wsFile('transfers.test.ts'));
    await config.update('nodeVersion', '26', vscode.ConfigurationTarget.Workspace);
    try {
      await open('transfers.test.ts');
      const lenses = await waitFor('the test lenses of transfers.test.ts', async () => {
        const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', wsFile('transfers.test.ts'), 100)) ?? [];
        // (transfer(), an async function, has its own "⚡ Find races" of the function lens.)
        const races = all.filter((l) => l.command?.command === 'asyncTimeline.findRaces' && / in this /.test(l.command.title));
        return races.length === 3 && races;
      });
      assert.deepStrictEqual(lenses.map((l) => [l.range.start.line + 1, l.command!.title]), [
        [18, '⚡ Find races in this test'], [24, '⚡ Find races in this suite'], [25, '⚡ Find races in this test'],
      ]);
      const target = lenses[2].command!.arguments![0] as TestTarget;
      assert.deepStrictEqual(target, { uri: wsFile('transfers.test.ts').toString(), fullTitle: 'transfers two transfers keep the total', kind: 'test' });
      const result = (await vscode.commands.executeCommand(lenses[2].command!.command, ...lenses[2].command!.arguments!)) as FindRacesOutcome;
      assert.strictEqual(result.status, 'finished', result.message);
      assert.match(result.message ?? '', /transfers\.test\.ts › “transfers two transfers keep the total”: 200 runs, 2 outcomes — a race: the schedule changes what the test does/);
      assert.match(result.outcomes![0].label, /default schedule/);
      const failing = result.outcomes!.find((o) => /✖ two transfers keep the total/.test(o.label));
      assert.ok(failing, JSON.stringify(result.outcomes));
      assert.match(failing.schedule, /^late@\d+$/, 'shrunk to one late timer');
      assert.strictEqual(result.shownSchedule, failing.schedule);
      assert.ok(typeof result.divergenceMs === 'number' && result.divergenceMs > 0, String(result.divergenceMs));
      const panel = await waitFor('the races panel of the test, ready', () => api.getComparisons().find((p) => p.ready && p.title === 'Races · transfers.test.ts'), 60_000);
      assert.ok(panel.posted.includes('showComparison') || panel.posted.includes('init'), panel.posted.join(', '));

      // Restored after a reload: the same test replayed; a test renamed since closes the panel.
      await closeAllEditors();
      await waitFor('no compare panel left', () => api.getComparisons().length === 0);
      const uri = wsFile('transfers.test.ts').toString();
      const races = { headline: result.message!, outcomes: [], shownSchedules: ['default', failing.schedule], test: { fullTitle: target.fullTitle, kind: 'test' } };
      await api.restorePanel({ compareSources: [uri, uri], races });
      await waitFor('the restored races panel of the test', () => api.getComparisons().find((p) => p.ready && p.posted.some((t) => t === 'showComparison' || t === 'init')), 60_000);
      await closeAllEditors();
      await waitFor('no compare panel left', () => api.getComparisons().length === 0);
      await api.restorePanel({ compareSources: [uri, uri], races: { ...races, test: { fullTitle: 'transfers renamed', kind: 'test' } } });
      await new Promise((r) => setTimeout(r, 1500));
      assert.strictEqual(api.getComparisons().length, 0);
    } finally {
      await config.update('nodeVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a test lens whose test was renamed since it was drawn: said, nothing runs', async () => {
    await activate();
    const target: TestTarget = { uri: wsFile('transfers.test.ts').toString(), fullTitle: 'transfers three transfers', kind: 'test' };
    const result = (await vscode.commands.executeCommand('asyncTimeline.findRaces', target)) as FindRacesOutcome;
    assert.strictEqual(result.status, 'dismissed');
    assert.match(result.message!, /No test “transfers three transfers” in transfers\.test\.ts any more \(was it renamed\?\)/);
  });
});
