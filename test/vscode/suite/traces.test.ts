/**
 * Issue 12 in the real extension host: "Save trace…" and "Open in Perfetto…" on a run's panel,
 * the read-only trace editor for `*.async-timeline.json` (the panel's webview and protocol),
 * its refusal of a newer or cut-short file, the commands from the trace editor, and the
 * walkthrough's contribution.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { readTraceText } from '../../../src/core/export/trace-file';
import type { ExportResult } from '../../../src/extension/traceExport';
import type { CommandOutcome } from '../../../src/extension/visualize';
import { activate, closeAllEditors, EXTENSION_ID, open, waitFor, wsFile } from './util';

const TRACE_EDITOR = 'asyncTimeline.traceFile';

function traceEditorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === TRACE_EDITOR);
}

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

suite('save and reopen traces, Open in Perfetto', function () {
  this.timeout(180_000);
  const dir = wsFile('.saved-traces');
  suiteSetup(async () => {
    await activate();
    await closeAllEditors();
    await vscode.workspace.fs.createDirectory(dir);
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
  });

  test('a run’s panel: Save trace… writes the versioned trace, Open in Perfetto… the Chrome Trace Event JSON', async () => {
    const api = await activate();
    const source = wsFile('samples/hello-async.ts');
    await open('samples/hello-async.ts');
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', source);
    assert.strictEqual(outcome?.status, 'finished');
    await waitFor('the panel, ready with its trace', () => { const p = api.getPanel(source); return p?.ready && p.hasTrace; }, 60_000);

    const saved = vscode.Uri.joinPath(dir, 'hello-async.async-timeline.json');
    const result = await vscode.commands.executeCommand<ExportResult>('asyncTimeline.saveTrace', source, saved);
    assert.strictEqual(result?.status, 'saved');
    const back = readTraceText(await read(saved));
    assert.ok(back.ok, back.ok ? '' : back.message);
    assert.deepStrictEqual(back.trace.events, api.getLastRun(source)!.result!.trace.events, 'the file is the run’s trace');

    const perfetto = vscode.Uri.joinPath(dir, 'hello-async.perfetto.json');
    const exported = await vscode.commands.executeCommand<ExportResult>('asyncTimeline.openInPerfetto', source, perfetto);
    assert.strictEqual(exported?.status, 'saved');
    assert.match(exported!.message!, /ui\.perfetto\.dev/);
    const json = JSON.parse(await read(perfetto)) as { traceEvents: { ph: string; name: string }[] };
    assert.ok(json.traceEvents.some((e) => e.ph === 'b' && e.name === 'count #1'));
    assert.ok(json.traceEvents.some((e) => e.ph === 'M' && e.name === 'thread_name'));
  });

  test('opening a saved trace shows its timeline in the read-only trace editor (the panel’s webview)', async () => {
    const api = await activate();
    await closeAllEditors();
    const saved = vscode.Uri.joinPath(dir, 'hello-async.async-timeline.json');
    await vscode.commands.executeCommand('vscode.open', saved);
    await waitFor('a trace editor tab', () => traceEditorTabs().length === 1);
    const editor = await waitFor('the trace editor, ready with its trace', () => api.getTraceEditors().find((p) => p.ready && p.hasTrace), 60_000);
    assert.ok(editor.posted.includes('init'), editor.posted.join(', '));
    assert.strictEqual(editor.sourceUri, saved.toString());
    assert.match(editor.html, /Content-Security-Policy/, 'the same webview HTML as the panel');
    assert.strictEqual(traceEditorTabs()[0].label, 'hello-async.async-timeline.json');
    assert.strictEqual(api.getPanels().length, 0, 'no run panel: nothing ran');
    // From the trace editor: Open in Perfetto works on the saved trace.
    const out = vscode.Uri.joinPath(dir, 'from-editor.perfetto.json');
    const exported = await vscode.commands.executeCommand<ExportResult>('asyncTimeline.openInPerfetto', saved, out);
    assert.strictEqual(exported?.status, 'saved');
    assert.ok((JSON.parse(await read(out)) as { traceEvents: unknown[] }).traceEvents.length > 50);
    // And "Open saved trace…" with a file opens the same editor.
    await closeAllEditors();
    assert.strictEqual((await vscode.commands.executeCommand<{ status: string }>('asyncTimeline.openTraceFile', saved))?.status, 'opened');
    await waitFor('the trace editor again', () => traceEditorTabs().length === 1);
  });

  test('a newer, a cut-short or a foreign file: the trace editor says why, and shows no timeline', async () => {
    const api = await activate();
    await closeAllEditors();
    const text = await read(vscode.Uri.joinPath(dir, 'hello-async.async-timeline.json'));
    const cases: [string, string][] = [
      ['newer.async-timeline.json', JSON.stringify({ ...JSON.parse(text), version: 99 })],
      ['cut.async-timeline.json', text.slice(0, 200)],
      ['foreign.async-timeline.json', await read(vscode.Uri.joinPath(dir, 'hello-async.perfetto.json'))],
    ];
    for (const [name, content] of cases) {
      const uri = vscode.Uri.joinPath(dir, name);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
      await vscode.commands.executeCommand('vscode.open', uri);
      const editor = await waitFor(`the trace editor of ${name}, ready`, () => api.getTraceEditors().find((p) => p.sourceUri === uri.toString() && p.ready), 60_000);
      await waitFor(`${name}: the error posted`, () => api.getTraceEditors().find((p) => p.sourceUri === uri.toString() && p.posted.includes('traceError')));
      assert.strictEqual(editor.hasTrace, false);
    }
  });

  test('manifest: the trace editor, the trace commands where they apply, the walkthrough', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.deepStrictEqual(pkg.contributes.customEditors.map((e: { viewType: string }) => e.viewType), [TRACE_EDITOR]);
    const commands = pkg.contributes.commands as { command: string; title: string }[];
    assert.strictEqual(commands.find((c) => c.command === 'asyncTimeline.openInPerfetto')?.title, 'Open in Perfetto…', 'titles come from package.nls.json');
    const [walk] = pkg.contributes.walkthroughs;
    assert.strictEqual(walk.title, 'Get started with Async Timeline');
    assert.strictEqual(walk.steps.length, 5);
  });
});
