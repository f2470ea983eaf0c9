import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, closeAllEditors, open, timelineTabs, waitFor, wsFile } from './util';

suite('timeline panel', () => {
  suiteSetup(async () => {
    await activate();
    await closeAllEditors();
  });
  suiteTeardown(closeAllEditors);

  test('opens beside the editor, once (reused), with a strict CSP and narrow resource roots', async () => {
    const api = await activate();
    const editor = await open('lenses.ts');
    const uri = wsFile('lenses.ts');
    await vscode.commands.executeCommand('asyncTimeline.showPanel', uri.toString());
    await vscode.commands.executeCommand('asyncTimeline.showPanel', uri.toString());
    const tabs = await waitFor('the timeline tab', () => timelineTabs().length > 0 && timelineTabs());
    assert.strictEqual(tabs.length, 1, 'one panel');
    assert.notStrictEqual(tabs[0].group.viewColumn, editor.viewColumn, 'the panel opens beside the editor');

    const panel = api.getPanel(uri);
    assert.ok(panel);
    assert.strictEqual(panel.title, 'Timeline · lenses.ts');
    assert.strictEqual(panel.retainContextWhenHidden, false, 'state is restored by the serializer instead');
    const html = panel.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'scripts need a nonce');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.strictEqual(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`));
    assert.match(scripts[0], /src="[^"]+\/dist\/webview\.js"/);
    assert.match(html, /<link rel="stylesheet" href="[^"]+\/dist\/webview\.css">/);
    const roots = panel.localResourceRoots.map((r) => r.replace(/\/$/, '').split('/').pop());
    assert.deepStrictEqual(roots.sort(), ['dist', 'media']);
  });
});
