import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, closeAllEditors, open, timelineTabs, wsFile } from './util';

// code-server runs the test workbench with Workspace Trust disabled (the workspace is trusted
// and cannot be made restricted from inside a test), so these tests force the restricted
// branch through the extension's test API; the handlers read it instead of
// vscode.workspace.isTrusted. The manifest side (`limited` support) is checked in activation.test.
suite('Workspace Trust', () => {
  suiteTeardown(async () => {
    (await activate()).setTrustOverride(undefined);
    await closeAllEditors();
  });

  test('in Restricted Mode the lens still shows but nothing runs', async () => {
    const api = await activate();
    api.setTrustOverride(false);
    await open('throws.ts');
    const uri = wsFile('throws.ts');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    assert.ok(lenses.some((l) => l.command?.title.startsWith('▶ Visualize concurrency')), 'lenses show in Restricted Mode');

    const fromPalette = await vscode.commands.executeCommand<{ status: string; message?: string }>('asyncTimeline.visualize', uri);
    assert.strictEqual(fromPalette?.status, 'untrusted');
    assert.match(fromPalette?.message ?? '', /Restricted Mode/);
    const fromLens = await vscode.commands.executeCommand<{ status: string }>('asyncTimeline.visualizeFunction', { uri: uri.toString(), name: 'main' });
    assert.strictEqual(fromLens?.status, 'untrusted');
    assert.strictEqual(api.getLastRun(uri), undefined, 'no run happened');
    assert.strictEqual(timelineTabs().length, 0, 'no panel opened');
  });
});
