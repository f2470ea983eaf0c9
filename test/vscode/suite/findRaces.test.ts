import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, closeAllEditors, waitFor, wsFile } from './util';

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
});
