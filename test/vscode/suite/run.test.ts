import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../../../src/extension/visualize';
import { EventKind } from '../../../src/core/trace/format';
import { activate, closeAllEditors, open, timelineTabs, waitFor, wsFile } from './util';

/** These need the engine (src/core/engine/run.ts) and, for the handshake, the webview bundle. */
suite('running a program', function () {
  this.timeout(60000);
  suiteSetup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  test('"Visualize concurrency" runs samples/hello-async.ts: trace, panel, hints, result lens', async () => {
    const api = await activate();
    const editor = await open('samples/hello-async.ts');
    const uri = editor.document.uri;
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
    assert.strictEqual(outcome?.status, 'finished', outcome?.message);
    const record = api.getLastRun(uri)!;
    const trace = record.result!.trace;
    assert.strictEqual(trace.format, 'async-timeline-trace');
    assert.strictEqual(trace.meta.endTime, 1000, 'three 1 s sleeps run concurrently: 1 s of virtual time');
    assert.strictEqual(record.result!.exitCode, 0);
    const consoleText = trace.events.kind.map((k, i) => (k === EventKind.Console ? trace.strings[trace.events.b[i]] : '')).join('');
    assert.strictEqual(consoleText, 'One\nOne\nOne\nTwo\nTwo\nTwo\nexecuted in 1.00 seconds.\n');
    assert.strictEqual(api.getLastRun(uri)?.status, 'finished');

    const tab = await waitFor('the timeline tab', () => timelineTabs()[0]);
    assert.notStrictEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');
    // The ready handshake: the webview asks, the host answers with the trace.
    // The first webview of a fresh profile registers a service worker: it can take a while here.
    const panel = await waitFor('the webview to say ready and get the trace', () => {
      const p = api.getPanel(uri);
      return p?.ready && p.posted.includes('init') && p.hasTrace && p;
    }, 45000).catch((e: Error) => {
      const { html: _html, ...p } = api.getPanel(uri) ?? { html: '' };
      throw new Error(`${e.message}; panel: ${JSON.stringify(p)}`);
    });
    assert.ok(panel.posted.includes('init'));

    // Inline hint on the `await sleep(1000)` line (line 7, 0-based 6).
    const awaitLine = editor.document.getText().split('\n').findIndex((l) => l.includes('await sleep(1000)'));
    const hints = new Map(api.getHints(uri));
    assert.strictEqual(hints.get(awaitLine), 'waited 1000 ms × 3');

    // The result lens above count(): 3 tasks, 3 awaits, 1 s.
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('1.00 s · 3 tasks · 3 awaits'), `result lens missing: ${titles.join(' | ')}`);
  });

  test('an error thrown after an await is in the Problems view at its line', async () => {
    const api = await activate();
    const editor = await open('throws.ts');
    const uri = editor.document.uri;
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
    const record = api.getLastRun(uri);
    assert.ok(record?.result, record?.message);
    assert.notStrictEqual(record.result.exitCode, 0);
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Async Timeline');
      return d.length > 0 && d;
    });
    const boom = diags.find((d) => d.message.includes('boom after sleeping'));
    assert.ok(boom, diags.map((d) => d.message).join('\n'));
    assert.strictEqual(boom.range.start.line, 5, 'line 6 of throws.ts');
    assert.strictEqual(boom.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(api.getPanel(uri));
  });

  test('a syntax error is in the Problems view and the panel gets an error, not a trace', async () => {
    const api = await activate();
    const editor = await open('syntax-error.ts');
    const uri = editor.document.uri;
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
    assert.notStrictEqual(outcome?.status, 'untrusted');
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Async Timeline');
      return d.length > 0 && d;
    });
    assert.strictEqual(diags[0].range.start.line, 2, 'line 3 of syntax-error.ts');
    await waitFor('the panel to show the error', () => api.getPanel(uri)?.posted.includes('runError'));
  });

  test('on Node 24, an enum is refused as Node refuses it (with the way out); asyncTimeline.typescript "compile" runs it', async () => {
    const config = vscode.workspace.getConfiguration('asyncTimeline');
    await config.update('nodeVersion', '24', vscode.ConfigurationTarget.Workspace);
    try {
      const api = await activate();
      const editor = await open('enum-state.ts');
      const uri = editor.document.uri;
      await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
      const diags = await waitFor('the strip-only refusal in Problems', () => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Async Timeline');
        return d.length > 0 && d;
      });
      assert.strictEqual(diags[0].range.start.line, 1, 'line 2: the enum');
      assert.match(diags[0].message, /TypeScript enum is not supported in strip-only mode \(ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX\)/);
      assert.match(diags[0].message, /asyncTimeline\.typescript to "compile"/);
      await waitFor('the panel to show the error', () => api.getPanel(uri)?.posted.includes('runError'));

      await config.update('typescript', 'compile', vscode.ConfigurationTarget.Workspace);
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
      assert.strictEqual(outcome?.status, 'finished', outcome?.message);
      const trace = api.getLastRun(uri)!.result!.trace;
      assert.strictEqual(trace.meta.nodeMajor, 24);
      const printed = trace.events.kind.map((k, i) => (k === EventKind.Console ? trace.strings[trace.events.b[i]] : '')).join('');
      assert.strictEqual(printed, 'phase Done\n');
    } finally {
      await config.update('typescript', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('nodeVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a program that never ends stops at the budget and says so', async () => {
    const config = vscode.workspace.getConfiguration('asyncTimeline');
    await config.update('budgets.virtualTimeMs', 1000, vscode.ConfigurationTarget.Workspace);
    try {
      const api = await activate();
      const editor = await open('forever.ts');
      await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', editor.document.uri);
      const record = api.getLastRun(editor.document.uri);
      assert.ok(record?.result, record?.message);
      assert.ok(record.result.trace.meta.truncated, 'the trace is marked truncated');
      assert.match(record.message ?? '', /^Stopped by the virtual-time budget \(1000 ms/);
      assert.strictEqual(record.canContinue, true);
      const stop = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === 'Async Timeline');
      assert.strictEqual(stop?.severity, vscode.DiagnosticSeverity.Warning, 'a budget stop is a warning in Problems');
    } finally {
      await config.update('budgets.virtualTimeMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('an infinite loop runs in the worker: the host stays responsive and Cancel stops it', async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('asyncTimeline');
    // A long real-time budget, so it is the Cancel that stops the loop.
    await config.update('budgets.realTimeMs', 60000, vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await open('busy.ts');
      const uri = editor.document.uri;
      const started = Date.now();
      const pending = vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualize', uri);
      await new Promise((r) => setTimeout(r, 1500));
      // The extension host answers while the program spins (our own lens provider runs in it).
      const t0 = Date.now();
      await vscode.commands.executeCommand('vscode.executeCodeLensProvider', wsFile('lenses.ts'));
      assert.ok(Date.now() - t0 < 3000, 'the extension host answered');
      api.cancel(uri);
      const outcome = await pending;
      assert.strictEqual(outcome?.status, 'cancelled', outcome?.message);
      assert.ok(Date.now() - started < 20000, 'cancel is prompt');
      assert.strictEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Async Timeline').length, 0, 'a cancel is not a problem of the program');
    } finally {
      await config.update('budgets.realTimeMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a lens runs its function as the entry, with remembered arguments; a non-exported one too', async () => {
    const api = await activate();
    const editor = await open('entries.ts');
    const uri = editor.document.uri;
    await api.setEntryArguments(uri, 'greet', '["Ada", 2]');
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualizeFunction', { uri: uri.toString(), name: 'greet' });
    const greet = api.getLastRun(uri);
    assert.strictEqual(greet?.status, 'finished', greet?.message);
    assert.strictEqual(greet.result!.trace.meta.entryFunction, 'greet');
    assert.strictEqual(greet.result!.trace.meta.endTime, 20);

    // Not exported: the host appends `export { helper };` to the source it hands the engine.
    await api.setEntryArguments(uri, 'helper', '["x"]');
    await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.visualizeFunction', { uri: uri.toString(), name: 'helper' });
    const helper = api.getLastRun(uri);
    assert.strictEqual(helper?.status, 'finished', helper?.message);
    assert.strictEqual(helper.result!.trace.meta.entryFunction, 'helper');
    assert.strictEqual(helper.result!.trace.meta.endTime, 5);
  });

  test("main's lens runs the whole file when the top level already calls main()", async () => {
    const api = await activate();
    const editor = await open('samples/hello-async.ts');
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('asyncTimeline.visualizeFunction', { uri: uri.toString(), name: 'main' });
    const record = api.getLastRun(uri);
    assert.strictEqual(record?.status, 'finished', record?.message);
    assert.strictEqual(record.entry, undefined);
    assert.strictEqual(record.result!.trace.tasks.filter((t) => t.name === 'main').length, 1, 'main runs once');
  });

  test('saving a file whose panel is open runs it again', async () => {
    const api = await activate();
    const editor = await open('samples/hello-async.ts');
    const uri = editor.document.uri;
    if (!api.getLastRun(uri)) await vscode.commands.executeCommand('asyncTimeline.visualize', uri);
    const before = api.getLastRun(uri);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// edited\n'));
    await editor.document.save();
    const after = await waitFor('a re-run after save', () => {
      const r = api.getLastRun(uri);
      return r && r !== before && r.version === editor.document.version && r;
    });
    assert.strictEqual(after.status, 'finished', after.message);
    // Put the file back (the workspace is a copy, but later steps open it too).
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 1, 0)));
    await editor.document.save();
  });
});
