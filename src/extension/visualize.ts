/**
 * The commands that run code: the palette's "Visualize concurrency", the lens's "run this
 * function", re-run on save, and the panel's re-run button. Each ends in `Runner.run` (which
 * checks Workspace Trust again: the command is not the only way in) and shows the panel.
 */
import * as vscode from 'vscode';
import { asyncFunctionAt, type AsyncFunctionInfo } from './asyncFunctions';
import { CommandId, registerCommand, type FunctionTarget } from './commands';
import { documentOf } from './documents';
import { CONTINUE_FACTOR, isRunnable, rerunOnSave } from './config';
import { functionRequest, runsWholeFile, type EntryArguments } from './entries';
import { asyncFunctionsOf } from './functionIndex';
import type { PanelManager } from './panels';
import type { ProgramSelection, RunRecord, RunRequest, Runner } from './runner';
import { explainUntrusted, isTrusted, UNTRUSTED_MESSAGE } from './trust';

/**
 * What a command returns: how the run ended, or why nothing ran. Deliberately small: when the
 * workbench invokes a command (palette, lens) the result is sent back to it, so the trace stays
 * in the host (the test API's getLastRun has it).
 */
export interface CommandOutcome {
  status: RunRecord['status'] | 'no-editor' | 'dismissed';
  message?: string;
  uri?: string;
}

function outcomeOf(record: RunRecord): CommandOutcome {
  return { status: record.status, message: record.message, uri: record.uri };
}

export class Visualizer {
  /** The last request per document, minus the document: a re-run repeats it. */
  private readonly lastRequests = new Map<string, RunRequest['entry'] | null>();
  /**
   * How a document's text and the run's Node options become the program, when it is not run as
   * it is (a test selected by the test lens, testLens.ts): kept per document so a re-run (or a
   * save) runs the same test.
   */
  private readonly rewrites = new Map<string, ProgramSelection>();

  constructor(private readonly runner: Runner, private readonly panels: PanelManager, private readonly args: EntryArguments) {}

  /** Runs the request, showing the panel beside the editor first so "running" is visible. */
  async run(request: RunRequest, rewrite?: ProgramSelection): Promise<CommandOutcome> {
    if (!isTrusted()) {
      explainUntrusted();
      return { status: 'untrusted', message: UNTRUSTED_MESSAGE };
    }
    this.lastRequests.set(request.document.uri.toString(), request.entry ?? null);
    if (rewrite) {
      this.rewrites.set(request.document.uri.toString(), rewrite);
      request = { ...request, source: rewrite.rewrite(request.source ?? request.document.getText()), ...(rewrite.execArgv && { execArgv: rewrite.execArgv }) };
    } else if (!request.detached) {
      this.rewrites.delete(request.document.uri.toString());
    }
    this.panels.showFor(request.document.uri);
    return outcomeOf(await this.runner.run(request));
  }

  /** Palette (or editor title button, or explorer): the active file; "this function" when the cursor is inside one. */
  async visualize(uri?: vscode.Uri): Promise<CommandOutcome> {
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await documentOf(uri) : editor?.document;
    if (!document || !isRunnable(document)) {
      void vscode.window.showInformationMessage('Visualize concurrency runs a TypeScript or JavaScript file: open one first.');
      return { status: 'no-editor' };
    }
    if (!isTrusted()) {
      explainUntrusted();
      return { status: 'untrusted', message: UNTRUSTED_MESSAGE };
    }
    // Only when invoked on the active editor without a URI: a URI (tests, menus) means the whole file.
    const inside = !uri && editor ? asyncFunctionAt(asyncFunctionsOf(document), document.offsetAt(editor.selection.active)) : undefined;
    if (inside?.entryName && !runsWholeFile(inside)) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: '$(file-code) Whole file', description: 'run the file as a program', fn: undefined },
          { label: `$(symbol-function) This function: ${inside.name}()`, description: 'call it after the module has loaded', fn: inside },
        ],
        { title: 'Visualize concurrency', placeHolder: 'What should run?' },
      );
      if (!pick) return { status: 'dismissed' };
      if (pick.fn) return this.runFunction(document, pick.fn);
    }
    return this.run({ document });
  }

  /** Lens: run one function (or the whole file when it cannot be an entry; see entries.ts). */
  async visualizeFunction(target: FunctionTarget): Promise<CommandOutcome> {
    const document = await documentOf(target.uri);
    if (!isTrusted()) {
      explainUntrusted();
      return { status: 'untrusted', message: UNTRUSTED_MESSAGE };
    }
    const fn = asyncFunctionsOf(document).find((f) => f.name === target.name);
    if (!fn) return this.run({ document });
    return this.runFunction(document, fn);
  }

  private async runFunction(document: vscode.TextDocument, fn: AsyncFunctionInfo): Promise<CommandOutcome> {
    const request = await functionRequest(document, fn, this.args);
    if (!request) return { status: 'dismissed' };
    return this.run(request);
  }

  async editArguments(target: FunctionTarget): Promise<CommandOutcome> {
    const document = await documentOf(target.uri);
    const fn = asyncFunctionsOf(document).find((f) => f.name === target.name);
    if (!fn) return { status: 'dismissed' };
    const args = await this.args.ask(document.uri, fn);
    if (args === undefined) return { status: 'dismissed' };
    return this.runFunction(document, fn);
  }

  /** Runs a document again the way it last ran (panel button, serializer, save). */
  async rerun(uri: vscode.Uri): Promise<CommandOutcome> {
    return this.repeat(uri, {});
  }

  /**
   * "Continue for longer": the same request again, with the budget that stopped the last run
   * multiplied by CONTINUE_FACTOR (runs are deterministic, so it replays and goes further).
   */
  async continueRun(uri: vscode.Uri): Promise<CommandOutcome> {
    const record = this.runner.lastRun(uri);
    if (!record?.stop || record.stop.kind === 'cancel') return this.rerun(uri);
    const b = record.budgets;
    const budgets = record.stop.kind === 'realTime' ? { realTimeMs: b.realTimeMs * CONTINUE_FACTOR }
      : record.stop.kind === 'virtualTime' ? { virtualTimeMs: b.virtualTimeMs * CONTINUE_FACTOR }
        : record.stop.kind === 'events' ? { events: b.events * CONTINUE_FACTOR }
          : {};
    return this.repeat(uri, { budgets });
  }

  /**
   * "Record again": the same request, performing its requests to outside hosts for real and
   * replacing their recording (network mode 'record', docs/recordings.md).
   */
  async recordAgain(uri: vscode.Uri): Promise<CommandOutcome> {
    return this.repeat(uri, { network: 'record' });
  }

  /** The request this document last ran with (entry function, rewrite of the source), changed by `overrides`. */
  private async repeat(uri: vscode.Uri, overrides: Pick<RunRequest, 'budgets' | 'network'>): Promise<CommandOutcome> {
    const document = await documentOf(uri);
    const entry = this.lastRequests.get(uri.toString()) ?? this.runner.lastRun(uri)?.entry ?? undefined;
    return this.run({ document, entry, ...overrides }, this.rewrites.get(uri.toString()));
  }

  /** The file a panel command means: the given one, the active timeline's, or the active editor's. */
  private targetOf(uri?: vscode.Uri): vscode.Uri | undefined {
    return uri ?? this.panels.current()?.sourceUri ?? vscode.window.activeTextEditor?.document.uri;
  }

  async rerunCommand(uri?: vscode.Uri): Promise<CommandOutcome> {
    const target = this.targetOf(uri);
    return target ? this.rerun(target) : { status: 'no-editor' };
  }

  stop(uri?: vscode.Uri): void {
    const target = this.targetOf(uri);
    if (target) this.runner.cancel(target);
  }

  /** Opens the timeline's source beside it (in the editor group next to the panel). */
  async openSource(uri?: vscode.Uri): Promise<void> {
    const panel = this.panels.current(uri);
    const target = panel?.sourceUri ?? uri;
    if (!target) return;
    const panelColumn = panel?.panel.viewColumn;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
    const viewColumn = visible?.viewColumn ?? (panelColumn !== undefined ? (panelColumn > 1 ? panelColumn - 1 : panelColumn + 1) : vscode.ViewColumn.One);
    await vscode.window.showTextDocument(target, { viewColumn, preserveFocus: false });
  }

  /** Save → re-run, only for files whose panel is open (and when the setting allows). */
  onSave(document: vscode.TextDocument): void {
    if (!this.panels.get(document.uri) || !rerunOnSave(document.uri) || !isTrusted()) return;
    void this.rerun(document.uri);
  }
}

export function registerVisualize(context: vscode.ExtensionContext, visualizer: Visualizer, panels: PanelManager): void {
  context.subscriptions.push(
    registerCommand(CommandId.Visualize, (uri) => visualizer.visualize(uri instanceof vscode.Uri ? uri : undefined)),
    registerCommand(CommandId.VisualizeFunction, (target) => visualizer.visualizeFunction(target)),
    registerCommand(CommandId.EditArguments, (target) => visualizer.editArguments(target)),
    registerCommand(CommandId.ShowPanel, (uri) => void panels.showFor(vscode.Uri.parse(uri))),
    registerCommand(CommandId.Rerun, (uri) => visualizer.rerunCommand(uri instanceof vscode.Uri ? uri : undefined)),
    registerCommand(CommandId.Stop, (uri) => visualizer.stop(uri instanceof vscode.Uri ? uri : undefined)),
    registerCommand(CommandId.OpenSource, (uri) => visualizer.openSource(uri instanceof vscode.Uri ? uri : undefined)),
    registerCommand(CommandId.KeepPanel, (uri) => panels.keep(panels.current(uri instanceof vscode.Uri ? uri : undefined))),
    registerCommand(CommandId.ContinueRun, (uri) => {
      const target = uri instanceof vscode.Uri ? uri : panels.current()?.sourceUri;
      return target ? visualizer.continueRun(target) : { status: 'no-editor' };
    }),
    registerCommand(CommandId.RecordAgain, (uri) => {
      const target = uri instanceof vscode.Uri ? uri : panels.current()?.sourceUri;
      return target ? visualizer.recordAgain(target) : { status: 'no-editor' };
    }),
    vscode.workspace.onDidSaveTextDocument((d) => visualizer.onSave(d)),
  );
}
