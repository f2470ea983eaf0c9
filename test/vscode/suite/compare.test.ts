import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, closeAllEditors, timelineTabs, waitFor, wsFile } from './util';

suite('compare runs', function () {
  this.timeout(120_000);
  suiteSetup(async () => {
    await activate();
    await closeAllEditors();
  });
  suiteTeardown(closeAllEditors);

  test('runs the files given and shows them side by side in one compare panel', async () => {
    const api = await activate();
    const files = [wsFile('samples/hello-async.ts'), wsFile('samples/hello-sync.ts')];
    const runs = (await vscode.commands.executeCommand('asyncTimeline.compareRuns', files)) as { label: string }[] | undefined;
    assert.deepStrictEqual(runs?.map((r) => r.label), ['hello-async', 'hello-sync']);
    // A webview's first load can take long on a busy machine (the restore test waits as long).
    const compare = await waitFor('the compare panel, ready', () => api.getComparisons().find((p) => p.ready), 60_000);
    assert.strictEqual(compare.title, 'Compare · hello-async vs hello-sync');
    assert.ok(compare.posted.includes('showComparison') || compare.posted.includes('init'), compare.posted.join(', '));
  });

  test('a compare panel restored after a reload runs its files again and shows the comparison', async () => {
    const api = await activate();
    await closeAllEditors();
    await waitFor('no compare panel left', () => api.getComparisons().length === 0);
    // The state the webview saved with setState when it showed the comparison (compareSources).
    const state = { compareSources: [wsFile('samples/hello-sync.ts').toString(), wsFile('samples/hello-async.ts').toString()] };
    await api.restorePanel(state);
    const restored = await waitFor('the restored compare panel, ready with its runs', () =>
      api.getComparisons().find((p) => p.ready && p.posted.some((t) => t === 'showComparison' || t === 'init')), 60_000);
    assert.strictEqual(restored.title, 'Compare · hello-sync vs hello-async', 'the files in the order they were compared');
    assert.strictEqual(timelineTabs().length, 1, 'the restored panel itself, no second one');
  });

  test('a restored compare panel whose file is gone closes instead of showing nothing', async () => {
    const api = await activate();
    await closeAllEditors();
    await api.restorePanel({ compareSources: [wsFile('samples/hello-async.ts').toString(), wsFile('no-such-file.ts').toString()] });
    await waitFor('no timeline tab', () => timelineTabs().length === 0);
    assert.strictEqual(api.getComparisons().length, 0);
  });
});
