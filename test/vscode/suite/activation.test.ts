import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, VIEW_TYPE } from './util';

suite('activation and manifest', () => {
  test('activates and returns its test API', async () => {
    const api = await activate();
    assert.strictEqual(typeof api.getLastRun, 'function');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  test('registers every contributed command', async () => {
    await activate();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of pkg.contributes.commands as { command: string }[]) {
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
    }
  });

  test('the palette finds "Visualize concurrency"; commands that need arguments are hidden', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const visualize = pkg.contributes.commands.find((c: { command: string }) => c.command === 'asyncTimeline.visualize');
    assert.strictEqual(visualize.title, 'Visualize concurrency');
    const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
    for (const id of ['asyncTimeline.visualizeFunction', 'asyncTimeline.showPanel', 'asyncTimeline.editArguments']) {
      assert.strictEqual(palette.find((m) => m.command === id)?.when, 'false', `${id} must be hidden from the palette`);
    }
  });

  test('activation events, trust capability and settings are declared', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${VIEW_TYPE}`));
    assert.ok(pkg.activationEvents.includes('onLanguage:typescript'));
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    const props = pkg.contributes.configuration.properties;
    for (const key of ['seed', 'budgets.virtualTimeMs', 'budgets.events', 'codeLens.enabled', 'rerunOnSave', 'unhandledRejections']) {
      assert.ok(props[`asyncTimeline.${key}`]?.markdownDescription, `asyncTimeline.${key} needs a markdownDescription`);
    }
    assert.strictEqual(vscode.workspace.getConfiguration('asyncTimeline', null).get('rerunOnSave'), true);
  });
});
