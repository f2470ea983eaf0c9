/**
 * Runs a document on the engine and records the outcome. Everything a run touches on the
 * VS Code side happens here, in order: the trust check, cancelling the file's previous run,
 * progress (a notification with Cancel, shown only when a run is slow, so quick runs do not
 * flash one), the Output channel, Problems, and the `onDidRun` event the panel, lenses and
 * decorations listen to.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readAnalysisSettings, readRunSettings, type RunSettings } from './config';
import { runNodeTarget } from './nodeTarget';
import { setRunDiagnostics } from './diagnostics';
import { DEFAULT_BUDGETS, prepareEngine, releaseEngine, runProgram, type RunOptions, type RunResult } from './engine';
import { output } from './output';
import { explainUntrusted, isTrusted, noticeRealIoOnce, UNTRUSTED_MESSAGE } from './trust';
import { EventKind } from '../core/trace/format';
import type { RunBudgets, SourceDiagnostic } from '../core/engine/api';
import type { NetworkMode } from '../core/netrec/types';
import type { RunStop } from '../shared/protocol';
import { analysisProblems, mergeDiagnostics, relocateDiagnostics, stopOf, traceProblems } from './traceProblems';

/** What to run: the whole file, or one function of it as the entry. */
export interface RunRequest {
  document: vscode.TextDocument;
  entry?: {
    /** Name the engine calls (`RunOptions.entryFunction`). */
    name: string;
    /** JS expression for the argument array, e.g. `[3, "x"]`. */
    args?: string;
    /**
     * The function is top-level but not exported: append `export { name };` to the source we
     * hand the engine (after the last line, so every line number stays the same).
     */
    appendExport?: boolean;
  };
  /** Budgets that win over the settings (Continue for longer). */
  budgets?: Partial<RunBudgets>;
  /** How outside hosts are treated, over the `asyncTimeline.network` setting ("Record again": 'record'). */
  network?: NetworkMode;
  /** Run this text instead of the document's (compare with the saved version). */
  source?: string;
  /** Node options of the run (RunOptions.execArgv): a node:test test selected by the test lens. */
  execArgv?: string[];
  /**
   * A side run (compare with the saved version): it is not the document's run — no panel,
   * Problems, lens or status bar see it, and it does not cancel the document's own run.
   */
  detached?: boolean;
}

/**
 * A run that selects part of the file (a test chosen by the test lens): the document's text
 * rewritten (mocha's set-up and run around the file) and the Node options of the run
 * (node:test's `--test-name-pattern`, in `process.execArgv` before any module evaluates).
 */
export interface ProgramSelection {
  rewrite(text: string): string;
  execArgv?: string[];
}

export type RunStatus = 'finished' | 'failed' | 'cancelled' | 'untrusted';

/** The outcome of one run, kept per document. Returned by the commands (the test suite reads it). */
export interface RunRecord {
  uri: string;
  status: RunStatus;
  /** The request, minus the document (for re-runs). */
  entry?: RunRequest['entry'];
  /** Path the file ran under and the working directory (traces name files relative to it). */
  runPath: string;
  cwd: string;
  result?: RunResult;
  /** The engine's diagnostics plus what the trace shows (uncaught errors, budget stops): what Problems lists. */
  diagnostics: SourceDiagnostic[];
  /** Why the run failed or was refused, as text. */
  message?: string;
  /** Document version that ran (hints are only valid for it). */
  version: number;
  /** The budgets the run had (settings and overrides over the engine's defaults). */
  budgets: RunBudgets;
  /** How it stopped early, in the one wording every surface uses; undefined when it ran to its end. */
  stop?: RunStop;
  /** A budget stopped it: running it again with a larger one may let it finish. */
  canContinue?: boolean;
  /**
   * When (Date.now()) the run started, its engine returned, and its record was complete (the
   * run's problems and analysis made): the click-to-timeline measure splits its time by them.
   */
  clock?: { startedAt: number; engineDoneAt: number; recordedAt: number };
}

/** A spare engine worker for the next run (engine/run.ts `prepareEngine`); a failure to start one only costs time. */
function prepareSpare(memoryMb: number): void {
  try {
    prepareEngine(memoryMb);
  } catch {
    // dist/ incomplete: the run itself will say so
  }
}

/**
 * A run's spare worker for the next run starts loading once the run is on screen (its panel's
 * first frame, `prepareNextRun`), or this long after the run ended when nothing paints it. Not
 * at the run's start: its ~0.6 s of CPU (typescript, esbuild's service, the runtime) would
 * share a small machine with the run, the host's work and the webview's first frame — the
 * click-to-timeline path. A re-run started before it is warm waits for the rest of its load.
 */
const NEXT_WORKER_FALLBACK_MS = 1000;

/** Delay before a run also shows a progress notification with Cancel (the panel and the status bar show it from the start). */
const PROGRESS_DELAY_MS = 1500;

export class Runner implements vscode.Disposable {
  private readonly records = new Map<string, RunRecord>();
  /** The run before the last one, per document (compare with the previous run). */
  private readonly previousRecords = new Map<string, RunRecord>();
  private readonly running = new Map<string, AbortController>();
  /** Runs stopped because a newer run of the same file started: their outcome is dropped. */
  private readonly superseded = new WeakSet<AbortController>();
  private readonly didStart = new vscode.EventEmitter<{ uri: string; runPath: string }>();
  private readonly didRun = new vscode.EventEmitter<RunRecord>();
  /** A run of a document started (the panel shows "running"). */
  readonly onDidStart = this.didStart.event;
  /** A run ended, whatever its outcome. */
  readonly onDidRun = this.didRun.event;

  private spareTimer: NodeJS.Timeout | undefined;
  /** The memory cap of the last run: the next run's worker is made with it. */
  private nextMemoryMb = DEFAULT_BUDGETS.memoryMb;

  /** @param cacheDir the instrumentation cache's folder (in the extension's global storage). */
  constructor(private readonly cacheDir?: string) {
    // The first run too starts on a ready worker, once activation is over.
    this.spareTimer = setTimeout(() => this.prepareNextRun(), 1000).unref();
  }

  /**
   * Starts loading the engine's worker for the next run (engine/run.ts `prepareEngine`), unless
   * a run is going (its end calls this again). The panel calls it when a run's first frame is on
   * screen; a run nothing paints gets it NEXT_WORKER_FALLBACK_MS after its end.
   */
  prepareNextRun(): void {
    clearTimeout(this.spareTimer);
    this.spareTimer = undefined;
    if (this.running.size > 0) return;
    prepareSpare(this.nextMemoryMb);
  }

  lastRun(uri: vscode.Uri | string): RunRecord | undefined {
    return this.records.get(uri.toString());
  }

  /** The run before the last one of this document, if it had one. */
  previousRun(uri: vscode.Uri | string): RunRecord | undefined {
    return this.previousRecords.get(uri.toString());
  }

  /** Is a run of this document (or, without a URI, of any document) going? */
  isRunning(uri?: vscode.Uri | string): boolean {
    return uri === undefined ? this.running.size > 0 : this.running.has(uri.toString());
  }

  async run(request: RunRequest): Promise<RunRecord> {
    const { document, entry } = request;
    const uri = document.uri.toString();
    const cwd = workingDirectory(document);
    const runPath = runPathOf(document, cwd);
    const settings = readRunSettings(document.uri);
    const budgets: RunBudgets = { ...DEFAULT_BUDGETS, ...settings.budgets, ...request.budgets };
    const startedAt = Date.now();
    const base = { uri, entry, runPath, cwd, version: document.version, diagnostics: [] as SourceDiagnostic[], budgets };
    if (request.detached) return this.runDetached(request, base, settings);

    // Checked here, not only in the command: every path to a run (lens, palette, save, rerun) comes through.
    if (!isTrusted()) {
      explainUntrusted();
      return { ...base, status: 'untrusted', message: UNTRUSTED_MESSAGE };
    }
    noticeRealIoOnce();

    const previous = this.running.get(uri);
    if (previous) {
      this.superseded.add(previous);
      previous.abort();
    }
    const abort = new AbortController();
    this.running.set(uri, abort);
    this.didStart.fire({ uri, runPath });

    const channel = output();
    let source = request.source ?? document.getText();
    if (entry?.appendExport) source += `\n;export { ${entry.name} };\n`;
    const node = await runNodeTarget(settings.node, cwd, runPath);
    const options: RunOptions = {
      node,
      file: runPath,
      source,
      ...(request.execArgv?.length && { execArgv: request.execArgv }),
      cwd,
      entryFunction: entry?.name,
      entryArgs: entry?.args,
      seed: settings.seed,
      unhandledRejections: settings.unhandledRejections,
      io: settings.io,
      ...(settings.cpu === 'measured' && { cpu: 'measured' as const }),
      network: { mode: request.network ?? settings.network },
      typescript: settings.typescript,
      cacheDir: this.cacheDir,
      budgets,
      signal: abort.signal,
      onOutput: (_stream, text) => channel.append(text),
    };
    channel.appendLine(`▶ ${path.basename(runPath)}${entry ? ` → ${entry.name}(${entry.args ? `...${entry.args}` : ''})` : ''} · Node ${node} · seed ${settings.seed}${settings.cpu === 'measured' ? ' · CPU time measured: not deterministic' : ''} · real-time budget ${budgets.realTimeMs} ms`);

    // A throw before the worker starts (dist/ incomplete) must end as a failed record, not escape.
    const promise = new Promise<RunResult>((resolve) => resolve(runProgram(options)));
    // This run has taken the spare worker (if one was ready); the next one loads once this run
    // is on screen (prepareNextRun), with this run's memory cap.
    clearTimeout(this.spareTimer);
    this.nextMemoryMb = budgets.memoryMb;
    const record = await withDelayedProgress(promise, path.basename(runPath), abort)
      .then((result): RunRecord => ({ ...base, status: abort.signal.aborted ? 'cancelled' : 'finished', result }))
      .catch((err: unknown): RunRecord => ({ ...base, status: abort.signal.aborted ? 'cancelled' : 'failed', message: errorText(err) }));
    const engineDoneAt = Date.now();
    if (this.running.get(uri) === abort) this.running.delete(uri);
    this.spareTimer = setTimeout(() => this.prepareNextRun(), NEXT_WORKER_FALLBACK_MS).unref();
    // A newer run owns the panel, Problems and lenses now; this one must not overwrite them.
    if (this.superseded.has(abort)) return record;

    if (record.result) {
      const cancelled = record.status === 'cancelled';
      record.diagnostics = relocateDiagnostics(mergeDiagnostics(record.result.diagnostics, traceProblems(record.result.trace, cwd, cancelled), cwd));
      // The run's answers (floating promises, leftovers, blocking) join them, after the run's own problems.
      const analysis = readAnalysisSettings(document.uri);
      if (analysis.problems && !cancelled) {
        try {
          record.diagnostics = mergeDiagnostics(record.diagnostics, analysisProblems(record.result.trace, analysis.blockingThresholdMs), cwd);
        } catch (err) {
          channel.appendLine(`async-timeline: the run's analysis failed: ${errorText(err)}`);
        }
      }
      setRunDiagnostics(document.uri, runPath, cwd, record.diagnostics);
      logOutcome(channel, record.result, record.diagnostics);
      record.stop = stopOf(record.result.trace, cancelled, budgets);
      record.canContinue = record.stop !== undefined && ['realTime', 'virtualTime', 'events'].includes(record.stop.kind);
      record.message = record.stop?.message ?? outcomeMessage(record.result, record.diagnostics);
    } else if (record.status === 'cancelled') {
      record.stop = stopOf(undefined, true, budgets);
      record.message = record.stop?.message;
    } else if (record.message) {
      channel.appendLine(`✖ ${record.message}`);
    }
    const last = this.records.get(uri);
    if (last) this.previousRecords.set(uri, last);
    this.records.set(uri, record);
    record.clock = { startedAt, engineDoneAt, recordedAt: Date.now() };
    this.didRun.fire(record);
    return record;
  }

  /** A side run: same engine and budgets, none of the document's bookkeeping. */
  private async runDetached(request: RunRequest, base: Omit<RunRecord, 'status'>, settings: RunSettings): Promise<RunRecord> {
    let source = request.source ?? request.document.getText();
    if (request.entry?.appendExport) source += `\n;export { ${request.entry.name} };\n`;
    try {
      const node = await runNodeTarget(settings.node, base.cwd, base.runPath);
      const result = await runProgram({
        file: base.runPath, source, cwd: base.cwd, entryFunction: request.entry?.name, entryArgs: request.entry?.args,
        seed: settings.seed, unhandledRejections: settings.unhandledRejections, budgets: base.budgets, node, cacheDir: this.cacheDir,
        network: { mode: settings.network }, typescript: settings.typescript,
      });
      return { ...base, status: 'finished', result, stop: stopOf(result.trace, false, base.budgets) };
    } catch (err) {
      return { ...base, status: 'failed', message: errorText(err) };
    }
  }

  /** Cancels the document's run, if one is going. */
  cancel(uri: vscode.Uri | string): void {
    this.running.get(uri.toString())?.abort();
  }

  forget(uri: vscode.Uri | string): void {
    this.records.delete(uri.toString());
  }

  dispose(): void {
    for (const a of this.running.values()) a.abort();
    clearTimeout(this.spareTimer);
    releaseEngine();
    this.didStart.dispose();
    this.didRun.dispose();
  }
}

/** Awaits the run; if it takes longer than a moment, shows a notification whose Cancel aborts it. */
async function withDelayedProgress<T>(promise: Promise<T>, name: string, abort: AbortController): Promise<T> {
  let settled = false;
  const done = promise.finally(() => { settled = true; });
  const timer = setTimeout(() => {
    if (settled) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Async Timeline: running ${name}…`, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        return done.catch(() => undefined);
      },
    );
  }, PROGRESS_DELAY_MS);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
  }
}

/** Traces name files relative to this: the document's workspace folder, else its own folder. */
export function workingDirectory(document: vscode.TextDocument): string {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (folder?.uri.scheme === 'file') return folder.uri.fsPath;
  if (document.uri.scheme === 'file') return path.dirname(document.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}

/** The path the engine is told the file has. An untitled document gets one with the right extension (esbuild picks its loader by it). */
export function runPathOf(document: vscode.TextDocument, cwd: string): string {
  if (document.uri.scheme === 'file') return document.uri.fsPath;
  const ext = document.languageId.startsWith('javascript') ? '.js' : '.ts';
  const base = path.basename(document.uri.path).replace(/[^\w.-]/g, '_') || 'untitled';
  return path.join(cwd, path.extname(base) ? base : base + ext);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The run's engine warnings go to the Output channel, each with its line when known. */
function logOutcome(channel: vscode.OutputChannel, result: RunResult, diagnostics: readonly SourceDiagnostic[]): void {
  const { trace } = result;
  const { kind, b, c } = trace.events;
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] !== EventKind.Warning) continue;
    const site = trace.sites[c[i]];
    channel.appendLine(`⚠ ${trace.strings[b[i]] ?? ''}${site && c[i] > 0 ? ` (${trace.files[site.file] ?? ''}:${site.line})` : ''}`);
  }
  for (const d of diagnostics) channel.appendLine(`${d.severity === 'error' ? '✖' : '⚠'} ${d.file}:${d.line}:${d.column} ${d.message}`);
  for (const notice of result.notices ?? []) channel.appendLine(`⚠ ${notice}`);
  const end = trace.meta.truncated ? `stopped: ${trace.meta.truncated.reason}` : `exit code ${result.exitCode}`;
  channel.appendLine(`■ ${end} · virtual time ${trace.meta.endTime} ms`);
}

/** A one-line reason for runs that did not end cleanly (undefined when they did). */
export function outcomeMessage(result: RunResult, diagnostics: readonly SourceDiagnostic[]): string | undefined {
  if (result.trace.meta.truncated) return `Stopped: ${result.trace.meta.truncated.reason}`;
  const firstError = diagnostics.find((d) => d.severity === 'error');
  if (firstError) return `${firstError.message} (line ${firstError.line})`;
  if (result.exitCode !== 0) return `The program exited with code ${result.exitCode}.`;
  return undefined;
}
