/**
 * Visualize one test: "▶ Visualize test" above every `describe`/`it`/`suite`/`test` of a mocha
 * or node:test file runs that file in the simulator with only that test (or suite) selected, and
 * shows its timeline — the runner's own hooks included (mocha's, or Node's own test runner of the
 * imitated line). "⚡ Find races in this test" beside it runs the race explorer on the same
 * selection (findRaces.ts): a flaky test's schedules. What can run and why is in src/core/testing/tests.ts: mocha can, node:test can
 * on the Node lines whose runner is ported (on another line the click says which lines);
 * vitest, jest and bun:test cannot, and their lens says so (a click explains and names what is
 * supported) instead of running something wrong.
 * The same setting as the function lens (`asyncTimeline.codeLens.enabled`) turns it off.
 */
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import { detectFramework, findTests, grepFor, mochaProgram, nodeTestPatternFor, nodeTestExecArgv, unsupportedMessage, type TestCase, type TestFramework } from '../core/testing/tests';
import { command, CommandId, registerCommand, type TestTarget } from './commands';
import { FIND_RACES_LENS_TITLE } from './codeLens';
import { documentOf } from './documents';
import { codeLensEnabled, isRunnable, LANGUAGES, readRunSettings, SECTION } from './config';
import { runNodeTarget } from './nodeTarget';
import { runPathOf, workingDirectory, type ProgramSelection } from './runner';
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
    return tests.flatMap((t) => {
      const range = new vscode.Range(t.line - 1, 0, t.line - 1, 0);
      const target: TestTarget = { uri: document.uri.toString(), fullTitle: t.fullTitle, kind: t.kind };
      if (why) return [new vscode.CodeLens(range, command(CommandId.VisualizeTest, `▶ Visualize test (${framework}: not supported)`, why, target))];
      return [
        new vscode.CodeLens(range, command(CommandId.VisualizeTest, t.kind === 'suite' ? '▶ Visualize suite' : '▶ Visualize test', tooltipOf(t, framework), target)),
        new vscode.CodeLens(range, command(CommandId.FindRaces, findRacesTitle(t.kind), findRacesTooltip(t, framework), target)),
      ];
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function tooltipOf(t: TestCase, framework: TestFramework): string {
  return t.kind === 'suite'
    ? `Run the tests of “${t.fullTitle}” (${framework}, inside the simulator) and show their timeline`
    : `Run only “${t.fullTitle}” (${framework}, inside the simulator) and show its timeline: the runner's hooks and the test's tasks`;
}

export const FIND_RACES_IN_TEST_TITLE = `${FIND_RACES_LENS_TITLE} in this test`;

function findRacesTitle(kind: TestCase['kind']): string {
  return kind === 'suite' ? `${FIND_RACES_LENS_TITLE} in this suite` : FIND_RACES_IN_TEST_TITLE;
}

function findRacesTooltip(t: TestCase, framework: TestFramework): string {
  return `Run ${t.kind === 'suite' ? `the tests of “${t.fullTitle}”` : `only “${t.fullTitle}”`} (${framework}) under many schedules (racy ties, late timers, I/O latencies) and show every outcome: a flaky test's race`;
}

/**
 * A test (or suite) selected in its file: the pattern the framework selects it by (mocha's
 * `--grep`, node:test's `--test-name-pattern`, as `run --test` takes them) and the file's text
 * made into the program that runs only it.
 */
export interface TestSelection {
  framework: TestFramework;
  test: TestCase;
  pattern: string;
  /** How the document's text and the run's Node options select the test (Visualizer.run). */
  program: ProgramSelection;
}

/**
 * The checks a user would want said before a test runs — a framework not run here, a test
 * renamed since the lens was drawn, node:test on a line whose runner is not ported, mocha not
 * installed — each as a warning, or the selection. `purpose` names the command in the messages.
 */
export async function selectTest(document: vscode.TextDocument, target: TestTarget, purpose: string): Promise<TestSelection | { dismissed: string }> {
  const text = document.getText();
  const framework = detectFramework(text);
  const dismiss = (message: string) => {
    void vscode.window.showWarningMessage(message);
    return { dismissed: message };
  };
  const why = unsupportedMessage(framework);
  if (why) return dismiss(why);
  const test = findTests(text, document.fileName).find((t) => t.fullTitle === target.fullTitle && t.kind === target.kind);
  if (!test) return dismiss(`No ${target.kind} “${target.fullTitle}” in ${document.fileName.split(/[\\/]/).pop()} any more (was it renamed?).`);
  if (framework === 'node:test') {
    // Node's own runner of the imitated line: said here when that line's is not ported.
    const cwd = workingDirectory(document);
    const major = await runNodeTarget(readRunSettings(document.uri).node, cwd, runPathOf(document, cwd));
    const onLine = unsupportedMessage(framework, major);
    if (onLine) return dismiss(onLine);
    const pattern = nodeTestPatternFor(test, major);
    return { framework, test, pattern, program: { rewrite: (source) => source, execArgv: nodeTestExecArgv(pattern) } };
  }
  if (document.uri.scheme === 'file') {
    try {
      createRequire(document.uri.fsPath).resolve('mocha');
    } catch {
      return dismiss(`mocha is not installed where this file can require it (npm install --save-dev mocha): ${purpose} runs mocha tests.`);
    }
  }
  const grep = grepFor(test);
  return { framework, test, pattern: grep, program: { rewrite: (source) => mochaProgram(source, grep) } };
}

/** The lens's command: the checks a user would want said, then the run. */
export async function visualizeTest(visualizer: Visualizer, target: TestTarget): Promise<CommandOutcome> {
  const document = await documentOf(target.uri);
  const selection = await selectTest(document, target, 'Visualize test');
  if ('dismissed' in selection) return { status: 'dismissed', message: selection.dismissed };
  return visualizer.run({ document }, selection.program);
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
