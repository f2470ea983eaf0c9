/**
 * Visualize one test: "▶ Visualize test" above every `describe`/`it`/`suite`/`test` of a mocha
 * test file runs that file in the simulator with only that test (or suite) selected, and shows
 * its timeline — mocha's own hooks and runner included. What can run and why is in
 * src/core/testing/tests.ts: mocha can; node:test, vitest, jest and bun:test cannot, and their
 * lens says so (a click explains and names what is supported) instead of running something wrong.
 * The same setting as the function lens (`asyncTimeline.codeLens.enabled`) turns it off.
 */
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import { detectFramework, findTests, grepFor, mochaProgram, unsupportedMessage, type TestCase } from '../core/testing/tests';
import { command, CommandId, registerCommand, type TestTarget } from './commands';
import { documentOf } from './documents';
import { codeLensEnabled, isRunnable, LANGUAGES, SECTION } from './config';
import type { CommandOutcome, Visualizer } from './visualize';

/** Cheap first look: a file without any of these calls has no tests to find. */
const MAYBE_TESTS = /\b(describe|it|test|suite|context|specify)\s*(\.\s*(only|skip)\s*)?\(/;

export class TestLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    if (!codeLensEnabled(document.uri) || !isRunnable(document)) return [];
    const text = document.getText();
    if (!MAYBE_TESTS.test(text)) return [];
    const tests = findTests(text, document.fileName);
    if (token.isCancellationRequested || tests.length === 0) return [];
    const framework = detectFramework(text);
    const why = unsupportedMessage(framework);
    return tests.map((t) => {
      const range = new vscode.Range(t.line - 1, 0, t.line - 1, 0);
      const target: TestTarget = { uri: document.uri.toString(), fullTitle: t.fullTitle, kind: t.kind };
      return new vscode.CodeLens(range, why
        ? command(CommandId.VisualizeTest, `▶ Visualize test (${framework}: not supported)`, why, target)
        : command(CommandId.VisualizeTest, t.kind === 'suite' ? '▶ Visualize suite' : '▶ Visualize test', tooltipOf(t), target));
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function tooltipOf(t: TestCase): string {
  return t.kind === 'suite'
    ? `Run the tests of “${t.fullTitle}” (mocha, inside the simulator) and show their timeline`
    : `Run only “${t.fullTitle}” (mocha, inside the simulator) and show its timeline: the runner's hooks and the test's tasks`;
}

/** The lens's command: the checks a user would want said, then the run. */
export async function visualizeTest(visualizer: Visualizer, target: TestTarget): Promise<CommandOutcome> {
  const document = await documentOf(target.uri);
  const text = document.getText();
  const why = unsupportedMessage(detectFramework(text));
  if (why) {
    void vscode.window.showWarningMessage(why);
    return { status: 'dismissed', message: why };
  }
  const test = findTests(text, document.fileName).find((t) => t.fullTitle === target.fullTitle && t.kind === target.kind);
  if (!test) {
    const message = `No ${target.kind} “${target.fullTitle}” in ${document.fileName.split(/[\\/]/).pop()} any more (was it renamed?).`;
    void vscode.window.showWarningMessage(message);
    return { status: 'dismissed', message };
  }
  if (document.uri.scheme === 'file') {
    try {
      createRequire(document.uri.fsPath).resolve('mocha');
    } catch {
      const message = 'mocha is not installed where this file can require it (npm install --save-dev mocha): Visualize test runs mocha tests.';
      void vscode.window.showWarningMessage(message);
      return { status: 'dismissed', message };
    }
  }
  const grep = grepFor(test);
  return visualizer.run({ document }, (source) => mochaProgram(source, grep));
}

export function registerTestLens(context: vscode.ExtensionContext, visualizer: Visualizer): TestLensProvider {
  const provider = new TestLensProvider();
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider(LANGUAGES.map((language) => ({ language })), provider),
    registerCommand(CommandId.VisualizeTest, (target) => visualizeTest(visualizer, target)),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(`${SECTION}.codeLens`)) provider.refresh(); }),
  );
  return provider;
}
