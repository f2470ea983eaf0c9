/**
 * CodeLens above every async function and named async arrow that can be the entry of a run:
 * "▶ Visualize concurrency" (or "▶ Visualize concurrency: whole file" when running it means
 * running the file — its top level already calls it), and after a run a second lens with what
 * that function did ("1.00 s · 3 tasks · 3 awaits"). Methods and nested functions get no run
 * lens: they cannot be called on their own, and a lens that silently ran the whole file would
 * say something untrue; their result lens still shows after a run of the file.
 * Modelled on TypeScript's referencesCodeLens: `provideCodeLenses` only finds ranges (one
 * parse per document version, cancellable); `resolveCodeLens` fills in the command. Gated on
 * `asyncTimeline.codeLens.enabled`; lenses also show in Restricted Mode (the command explains).
 */
import * as vscode from 'vscode';
import type { AsyncFunctionInfo } from './asyncFunctions';
import { CommandId, command } from './commands';
import { codeLensEnabled, LANGUAGES, SECTION } from './config';
import { canBeEntry, runsWholeFile, type EntryArguments } from './entries';
import { asyncFunctionsOf } from './functionIndex';
import type { RunRecord, Runner } from './runner';
import { fileIndexes, formatStats, functionStats, type FunctionStats } from './traceSummary';

type LensRole = 'run' | 'races' | 'result' | 'args';

class FunctionLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly uri: vscode.Uri, readonly fn: AsyncFunctionInfo, readonly role: LensRole, readonly stats?: FunctionStats) {
    super(range);
  }
}

export const RUN_LENS_TITLE = '▶ Visualize concurrency';
/** Next to it: the race explorer on the same target. */
export const FIND_RACES_LENS_TITLE = '⚡ Find races';
/** The lens of a function whose run is the whole file (see entries.ts). */
export const RUN_FILE_LENS_TITLE = '▶ Visualize concurrency: whole file';

export class AsyncFunctionLensProvider implements vscode.CodeLensProvider<FunctionLens> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Stats per run (computed once per record, for the document version that ran). */
  private readonly statsCache = new WeakMap<RunRecord, Map<number, FunctionStats>>();

  constructor(private readonly runner: Runner, private readonly args: EntryArguments) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): FunctionLens[] {
    if (!codeLensEnabled(document.uri)) return [];
    const functions = asyncFunctionsOf(document, token);
    if (token.isCancellationRequested) return [];
    const stats = this.statsFor(document, functions);
    const lenses: FunctionLens[] = [];
    functions.forEach((fn, i) => {
      const range = new vscode.Range(fn.line, 0, fn.line, 0);
      if (canBeEntry(fn)) lenses.push(new FunctionLens(range, document.uri, fn, 'run'), new FunctionLens(range, document.uri, fn, 'races'));
      const s = stats?.get(i);
      if (s && s.tasks > 0) lenses.push(new FunctionLens(range, document.uri, fn, 'result', s));
      if (fn.hasParams && canBeEntry(fn) && this.args.get(document.uri, fn) !== undefined) lenses.push(new FunctionLens(range, document.uri, fn, 'args'));
    });
    return lenses;
  }

  resolveCodeLens(lens: FunctionLens): FunctionLens {
    const target = { uri: lens.uri.toString(), name: lens.fn.name };
    switch (lens.role) {
      case 'run':
        lens.command = !runsWholeFile(lens.fn)
          ? command(CommandId.VisualizeFunction, RUN_LENS_TITLE,
            `Run ${lens.fn.name}() as the entry (after the module has loaded) and show its timeline, its call pinned first`, target)
          : command(CommandId.VisualizeFunction, RUN_FILE_LENS_TITLE,
            `Run the file (its top level already calls ${lens.fn.name}()) and show its timeline`, target);
        break;
      case 'races':
        lens.command = command(CommandId.FindRaces, FIND_RACES_LENS_TITLE,
          `Run ${runsWholeFile(lens.fn) ? 'the file' : `${lens.fn.name}()`} under many schedules (racy ties, late callbacks, I/O latencies) and show every outcome`, target);
        break;
      case 'result':
        lens.command = command(CommandId.ShowPanel, lens.stats ? formatStats(lens.stats) : '', 'Show the timeline of the last run', lens.uri.toString());
        break;
      case 'args':
        lens.command = command(CommandId.EditArguments, `args: ${shorten(this.args.get(lens.uri, lens.fn) ?? '')}`, 'Change the arguments this function runs with', target);
        break;
    }
    return lens;
  }

  private statsFor(document: vscode.TextDocument, functions: AsyncFunctionInfo[]): Map<number, FunctionStats> | undefined {
    const record = this.runner.lastRun(document.uri);
    // After an edit the trace's lines no longer match the text: no result lens until the next run.
    if (!record?.result || record.version !== document.version) return undefined;
    let stats = this.statsCache.get(record);
    if (!stats) {
      const files = fileIndexes(record.result.trace, record.runPath, record.cwd);
      stats = functionStats(record.result.trace, files, functions);
      this.statsCache.set(record, stats);
    }
    return stats;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function registerCodeLens(context: vscode.ExtensionContext, runner: Runner, args: EntryArguments): AsyncFunctionLensProvider {
  const provider = new AsyncFunctionLensProvider(runner, args);
  const selector = LANGUAGES.flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider(selector, provider),
    runner.onDidRun(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.codeLens`)) provider.refresh();
    }),
  );
  return provider;
}
