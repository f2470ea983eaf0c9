/**
 * Issue 14 in the real extension host: one reused timeline preview (kept on demand), honest
 * states (status bar from the start, a budget stop that offers Continue and is in Problems at
 * the line it names, one message for cancel, out-of-date marking), the conventions of the
 * manifest (titles, keybinding, title-bar actions, settings that say their values), and the
 * samples that type-check and run.
 */
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as vscode from 'vscode';
import { DEFAULT_BUDGETS } from '../../../src/core/engine/run';
import { EDITOR_REAL_TIME_MS } from '../../../src/extension/config';
import type { CommandOutcome } from '../../../src/extension/visualize';
import { activate, closeAllEditors, EXTENSION_ID, open, timelineTabs, waitFor, wsFile } from './util';

suite('a timeline panel you can live in', function () {
  this.timeout(120_000);
  suiteSetup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  test('one timeline preview, reused for the next file; "Keep this timeline" pins it', async () => {
    const api = await activate();
    await closeAllEditors();
    await open('samples/hello-async.ts');
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', wsFile('samples/hello-async.ts'));
    await open('entries.ts');
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', wsFile('entries.ts'));
    await waitFor('one timeline tab', () => timelineTabs().length === 1 && api.getPanels().length === 1);
    assert.strictEqual(timelineTabs().length, 1, 'the preview was reused');
    const [preview] = api.getPanels();
    assert.strictEqual(preview.title, 'Timeline · entries.ts');
    assert.strictEqual(preview.pinned, false);
    assert.strictEqual(vscode.window.tabGroups.all.length, 2, 'no third editor column');

    // Keep it: the next file opens a new preview; the kept one stays with entries.ts.
    assert.strictEqual(await vscode.commands.executeCommand('asyncTimeline.keepPanel', wsFile('entries.ts')), true);
    await open('samples/hello-async.ts');
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', wsFile('samples/hello-async.ts'));
    await waitFor('two timeline tabs', () => timelineTabs().length === 2);
    const panels = api.getPanels();
    assert.deepStrictEqual(panels.map((p) => [p.title, p.pinned]).sort(), [['Timeline · entries.ts (kept)', true], ['Timeline · hello-async.ts', false]]);
    // Running from an editor in the timeline's own group does not open a third column.
    const timelineColumn = timelineTabs()[0].group.viewColumn;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wsFile('throws.ts')), timelineColumn);
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', wsFile('throws.ts'));
    assert.ok(vscode.window.tabGroups.all.length <= 2, `${vscode.window.tabGroups.all.length} editor groups`);
    assert.strictEqual(timelineTabs().length, 2, 'the preview moved to throws.ts, the kept panel stayed');
  });

  test('the status bar shows the run from the first moment, then its result', async () => {
    const api = await activate();
    await open('samples/hello-async.ts');
    const pending = vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', wsFile('samples/hello-async.ts'));
    // Polled every 2 ms: with the spare worker a warm hello-async run takes less than 100 ms in all.
    const during = await waitFor('the running status', () => { const s = api.getStatusBar(); return s.text.includes('Running') && s; }, 5000, 2);
    assert.strictEqual(during.command, 'asyncTimeline.stop');
    await pending;
    const after = api.getStatusBar();
    assert.match(after.text, /hello-async\.ts: 1\.00 s · 4 tasks/);
    assert.strictEqual(after.command, 'asyncTimeline.showPanel');
  });

  test('a CPU-heavy finite program: the default budget lets it finish', async () => {
    const api = await activate();
    await open('cpu-heavy.ts');
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', wsFile('cpu-heavy.ts'));
    assert.strictEqual(outcome?.status, 'finished', outcome?.message);
    const record = api.getLastRun(wsFile('cpu-heavy.ts'))!;
    assert.strictEqual(record.budgets.realTimeMs, EDITOR_REAL_TIME_MS);
    assert.strictEqual(record.stop, undefined);
    assert.strictEqual(record.result!.trace.meta.truncated, undefined);
  });

  test('a budget stop: Problems at the line it names, one message, "Continue for longer" finishes it', async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('asyncTimeline');
    await config.update('budgets.realTimeMs', 100, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = wsFile('cpu-heavy.ts');
      await open('cpu-heavy.ts');
      await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
      const stopped = api.getLastRun(uri)!;
      assert.strictEqual(stopped.stop?.kind, 'realTime', stopped.message);
      assert.strictEqual(stopped.canContinue, true);
      assert.match(stopped.message ?? '', /^Stopped by the real-time budget: synchronous code ran longer than 100 ms at .*cpu-heavy\.ts:5:3/);
      const diag = await waitFor('the budget stop in Problems', () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Async Timeline'));
      assert.strictEqual(diag.range.start.line, 4, 'line 5, where the loop is');
      assert.strictEqual(diag.range.start.character, 2, 'column 3');
      const panel = await waitFor('the panel told about the stop', () => api.getPanel(uri)?.posted.includes('runStatus') && api.getPanel(uri));
      assert.ok(panel);
      assert.match(api.getStatusBar().text, /cpu-heavy\.ts: stopped/);
      assert.strictEqual(api.getStatusBar().command, 'asyncTimeline.continueRun');
      // Continue (as the banner's button does) until it finishes: each time with 4 × the budget.
      let record = stopped;
      for (let i = 0; i < 4 && record.stop; i++) {
        await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.continueRun', uri);
        const next = api.getLastRun(uri)!;
        assert.strictEqual(next.budgets.realTimeMs, record.budgets.realTimeMs * 4);
        record = next;
      }
      assert.strictEqual(record.status, 'finished', record.message);
      assert.strictEqual(record.stop, undefined, 'it ran to its end');
      await waitFor('Problems cleared', () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Async Timeline').length === 0);
    } finally {
      await config.update('budgets.realTimeMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Cancel: one message everywhere', async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('asyncTimeline');
    await config.update('budgets.realTimeMs', 60000, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = wsFile('busy.ts');
      await open('busy.ts');
      const pending = vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
      await new Promise((r) => setTimeout(r, 1200));
      await vscode.commands.executeCommand('asyncTimeline.stop', uri);
      const outcome = await pending;
      const message = 'Run cancelled: the timeline shows the run up to the moment it was stopped.';
      assert.strictEqual(outcome?.status, 'cancelled');
      assert.strictEqual(outcome?.message, message);
      assert.strictEqual(api.getLastRun(uri)?.stop?.message, message);
      assert.strictEqual(api.getStatusBar().tooltip, message);
    } finally {
      await config.update('budgets.realTimeMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('an edit marks the shown run out of date; a failed re-run keeps it marked', async () => {
    const api = await activate();
    const editor = await open('samples/hello-async.ts');
    const uri = editor.document.uri;
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
    await waitFor('the panel ready', () => api.getPanel(uri)?.ready);
    const before = api.getPanel(uri)!.posted.length;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// edited\n'));
    await waitFor('a stale message', () => api.getPanel(uri)!.posted.slice(before).includes('stale'));
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 1, 0)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('compare a file with its previous run', async () => {
    const api = await activate();
    const uri = wsFile('samples/hello-async.ts');
    await open('samples/hello-async.ts');
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.rerun', uri);
    assert.ok(api.getPreviousRun(uri)?.result);
    const runs = (await vscode.commands.executeCommand('asyncTimeline.compareWithPrevious', uri)) as { label: string }[] | undefined;
    assert.deepStrictEqual(runs?.map((r) => r.label), ['hello-async.ts (previous run)', 'hello-async.ts (last run)']);
    await waitFor('one compare panel', () => api.getComparisons().length === 1);
  });

  test('compare a file with its saved version', async () => {
    const api = await activate();
    const editor = await open('entries.ts');
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '\nvoid noArgs();\n')), 'the edit applied');
    try {
      const runs = (await vscode.commands.executeCommand('asyncTimeline.compareWithSaved', editor.document.uri)) as { label: string; trace: { meta: { endTime: number } } }[] | undefined;
      assert.deepStrictEqual(runs?.map((r) => r.label), ['entries.ts (saved)', 'entries.ts (unsaved edits)']);
      assert.strictEqual(runs![0].trace.meta.endTime, 0, 'the saved file only declares functions');
      assert.strictEqual(runs![1].trace.meta.endTime, 5, 'the edit calls noArgs(): two 5 ms helpers at once');
      assert.strictEqual(api.getComparisons().length, 1, 'the compare panel is reused');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('"Open sample…" copies a sample with what it needs to type-check, and runs it', async () => {
    const api = await activate();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('asyncTimeline.openSample', 'chat-async.ts');
    assert.ok(uri);
    const record = await waitFor('the sample ran', () => api.getLastRun(uri));
    assert.strictEqual(record.status, 'finished', record.message);
    // Type-check the scratch folder with its own tsconfig, as the editor does.
    const dir = path.dirname(uri.fsPath);
    const configFile = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, dir);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepStrictEqual(errors, [], 'the samples type-check in their scratch folder');
  });

  test('manifest: titles without the doubled prefix, a keybinding, title-bar actions, settings that say their values', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const commands = pkg.contributes.commands as { command: string; title: string; category: string }[];
    for (const c of commands) {
      assert.ok(!c.title.startsWith(c.category), `${c.command}: "${c.title}" repeats its category`);
      assert.ok(!/^Visualize concurrency: /.test(c.title), `${c.command}: "${c.title}" has a doubled prefix`);
    }
    const key = (pkg.contributes.keybindings as { command: string; key: string }[]).find((k) => k.command === 'asyncTimeline.visualize');
    assert.ok(key?.key, 'a default keybinding for Visualize concurrency');
    const title = (pkg.contributes.menus['editor/title'] as { command: string; when: string }[]).filter((m) => /activeWebviewPanelId == 'asyncTimeline\.timeline'/.test(m.when)).map((m) => m.command);
    for (const id of ['asyncTimeline.rerun', 'asyncTimeline.stop', 'asyncTimeline.openSource', 'asyncTimeline.keepPanel']) assert.ok(title.includes(id), `${id} in the panel's title bar`);
    const props = pkg.contributes.configuration.properties;
    assert.strictEqual(props['asyncTimeline.budgets.realTimeMs'].default, EDITOR_REAL_TIME_MS);
    assert.ok(props['asyncTimeline.budgets.realTimeMs'].markdownDescription.includes(`**${DEFAULT_BUDGETS.realTimeMs}** ms`));
    assert.ok(props['asyncTimeline.budgets.virtualTimeMs'].markdownDescription.includes(`**${DEFAULT_BUDGETS.virtualTimeMs}** ms`));
    assert.ok(props['asyncTimeline.budgets.events'].markdownDescription.includes(`**${DEFAULT_BUDGETS.events}** events`));
  });
});
