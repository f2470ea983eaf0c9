/**
 * "Find races" (palette, CodeLens, test lens): runs the file — or the lens's function as the
 * entry, or only the test lens's test (its file with that test selected, as Visualize test runs
 * it; outcomes then ignore the test reporter's durations) — under many schedules with the race
 * explorer (src/core/explore, worker threads), with a progress
 * notification whose Cancel stops every worker at once. The report goes to the Output channel;
 * the panel shows every outcome with its frequency and, when the schedule changes the outcome,
 * the default run and the (shrunk) differing run side by side in the compare view, with the
 * first divergence marked.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { explore, type ExploreReport, type ReportedOutcome } from '../core/explore/explore';
import { firstDivergence } from '../core/explore/divergence';
import { exploreHeadline, formatExploreReport } from '../core/explore/report';
import { parseScheduleId } from '../core/explore/schedule-id';
import type { RuntimeSchedule } from '../core/runtime/host-api';
import type { ComparisonRun, RaceReport } from '../shared/protocol';
import { asyncFunctionsOf } from './functionIndex';
import { CommandId, registerCommand, type CommandArgs, type FunctionTarget, type TestTarget } from './commands';
import { documentOf } from './documents';
import { isRunnable, readRunSettings } from './config';
import { DEFAULT_BUDGETS, runProgram, type RunOptions, type RunResult } from './engine';
import { functionRequest, type EntryArguments } from './entries';
import { runNodeTarget } from './nodeTarget';
import { output } from './output';
import type { PanelManager } from './panels';
import { runPathOf, workingDirectory, type RunRequest } from './runner';
import { selectTest, type TestSelection } from './testLens';
import { explainUntrusted, isTrusted, UNTRUSTED_MESSAGE } from './trust';

/** Runs per "Find races" (the issue's: the race in samples/race.ts shows within 200). */
export const FIND_RACES_RUNS = 200;

/** What the command returns (small: it travels back to whoever invoked it; the tests read it). */
export interface FindRacesOutcome {
  status: 'finished' | 'cancelled' | 'failed' | 'untrusted' | 'no-editor' | 'dismissed';
  message?: string;
  runs?: number;
  outcomes?: { label: string; count: number; schedule: string; isDefault: boolean }[];
  /** The schedule of the differing run shown beside the default one. */
  shownSchedule?: string;
  divergenceMs?: number;
}

function outcomeLabel(o: ReportedOutcome): string {
  if (o.isDefault) return 'default schedule';
  if (o.truncated) return `stopped: ${o.truncated}`;
  if (o.errors.length > 0) return o.errors[0];
  if (o.firstDifferingLine > 0) return `prints ${JSON.stringify(o.stdout.split('\n')[o.firstDifferingLine - 1])}`;
  return `exit code ${o.exitCode}`;
}

function replaySchedule(o: ReportedOutcome): string {
  return o.minimal?.schedule ?? o.schedule;
}

/** What every run of the file gets: the settings of its folder, the Node line, the entry function or the test selected. */
async function runOptionsFor(document: vscode.TextDocument, entry: RunRequest['entry'], test?: TestSelection) {
  const cwd = workingDirectory(document);
  const runPath = runPathOf(document, cwd);
  const settings = readRunSettings(document.uri);
  const node = await runNodeTarget(settings.node, cwd, runPath);
  let source = document.getText();
  if (entry?.appendExport) source += `\n;export { ${entry.name} };\n`;
  if (test) source = test.program.rewrite(source);
  const common = {
    file: runPath, source, ...(test?.program.execArgv && { execArgv: test.program.execArgv }), cwd, node, entryFunction: entry?.name, entryArgs: entry?.args,
    unhandledRejections: settings.unhandledRejections, io: settings.io, budgets: { ...DEFAULT_BUDGETS, ...settings.budgets },
    network: { mode: settings.network },
    typescript: settings.typescript,
  };
  // The explorer's runs always use the cost model (RunOptions.cpu absent): every schedule must
  // replay exactly, which CPU time measured would not.
  const cpuIgnored = settings.cpu === 'measured' ? 'The asyncTimeline.cpu setting "measured" is not used by Find races: its runs use the cost model (synchronous code free), so each schedule replays exactly.' : undefined;
  return { common, runPath, cpuIgnored };
}

function isTestTarget(target: CommandArgs[CommandId.FindRaces][0]): target is TestTarget {
  return target !== undefined && !(target instanceof vscode.Uri) && 'fullTitle' in target;
}

async function requestFor(target: vscode.Uri | FunctionTarget | undefined, args: EntryArguments): Promise<RunRequest | undefined | 'no-editor'> {
  if (target !== undefined && !(target instanceof vscode.Uri)) {
    const document = await documentOf(target.uri);
    const fn = asyncFunctionsOf(document).find((f) => f.name === target.name);
    return fn ? functionRequest(document, fn, args) : { document };
  }
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return 'no-editor';
  const document = await documentOf(uri);
  return isRunnable(document) ? { document } : 'no-editor';
}

export async function findRaces(panels: PanelManager, args: EntryArguments, target?: CommandArgs[CommandId.FindRaces][0], runs = FIND_RACES_RUNS): Promise<FindRacesOutcome> {
  if (isTestTarget(target)) {
    if (!isTrusted()) {
      explainUntrusted();
      return { status: 'untrusted', message: UNTRUSTED_MESSAGE };
    }
    const document = await documentOf(target.uri);
    const selection = await selectTest(document, target, 'Find races in this test');
    if ('dismissed' in selection) return { status: 'dismissed', message: selection.dismissed };
    return exploreRequest(panels, { document }, runs, selection);
  }
  const request = await requestFor(target, args);
  if (request === 'no-editor') {
    void vscode.window.showInformationMessage('Find races runs a TypeScript or JavaScript file: open one first.');
    return { status: 'no-editor' };
  }
  if (!request) return { status: 'dismissed' };
  if (!isTrusted()) {
    explainUntrusted();
    return { status: 'untrusted', message: UNTRUSTED_MESSAGE };
  }
  return exploreRequest(panels, request, runs);
}

/** The exploration of a request (a file, a function as the entry, or a test selected in its file), its report and its panel. */
async function exploreRequest(panels: PanelManager, request: RunRequest, runs: number, test?: TestSelection): Promise<FindRacesOutcome> {
  const { document, entry } = request;
  const { common, runPath, cpuIgnored } = await runOptionsFor(document, entry, test);
  const node = common.node;
  const name = path.basename(runPath);
  const abort = new AbortController();
  const channel = output();
  channel.appendLine(`▶ Find races: ${name}${entry ? ` → ${entry.name}()` : ''}${test ? ` › ${test.test.kind} “${test.test.fullTitle}”` : ''} · ${runs} runs · Node ${node}`);

  let report: ExploreReport;
  try {
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Async Timeline: finding races in ${name}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return explore({
          ...common, runs, signal: abort.signal,
          ...(test && { test: { pattern: test.pattern, title: test.test.fullTitle } }),
          onProgress: (p) => {
            if (p.phase === 'explore') {
              const step = (100 * p.done) / p.total;
              progress.report({ increment: step - reported, message: `run ${p.done} of ${p.total} · ${p.outcomes} outcome${p.outcomes === 1 ? '' : 's'}` });
              reported = step;
            } else {
              progress.report({ message: `shrinking the differing run (run ${p.done})` });
            }
          },
        });
      },
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    channel.appendLine(`✖ ${message}`);
    void vscode.window.showErrorMessage(`Find races failed: ${message}`);
    return { status: 'failed', message };
  }
  if (cpuIgnored) channel.appendLine(cpuIgnored);
  channel.append(formatExploreReport(report));
  if (report.failed) {
    const message = `${name} cannot run: ${report.failed.diagnostics[0]?.message ?? report.failed.output.trim().split('\n').pop() ?? 'see the Output'}`;
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  }
  const outcomes = report.outcomes.map((o) => ({ label: outcomeLabel(o), count: o.count, schedule: replaySchedule(o), isDefault: o.isDefault }));
  const base: FindRacesOutcome = { status: report.cancelled ? 'cancelled' : 'finished', message: exploreHeadline(report), runs: report.runs, outcomes };
  if (report.runs === 0) return base;

  // The panel: the default run, and the most frequent differing outcome's shrunk schedule beside it.
  const defaultOutcome = report.outcomes.find((o) => o.isDefault) ?? report.outcomes[0];
  const differing = report.outcomes.find((o) => o !== defaultOutcome);
  const replays = [defaultOutcome, ...(differing ? [differing] : [])];
  const { results, comparison } = await runShown(common, replays.map((o, i) => ({
    label: i === 0 ? 'default schedule' : replaySchedule(o),
    schedule: { perturbations: o.minimal?.perturbations ?? o.perturbations },
  })));
  const divergence = results.length === 2 ? firstDivergence(results[0].trace, results[1].trace, ['default', replaySchedule(replays[1])]) : undefined;
  const races: RaceReport = {
    headline: exploreHeadline(report),
    outcomes: report.outcomes.map((o) => ({ label: outcomeLabel(o), count: o.count, frequency: o.frequency, schedule: replaySchedule(o), shown: replays.includes(o) })),
    ...(divergence && { divergence: { t: divergence.t, description: divergence.description } }),
    ...((report.nondeterministic || cpuIgnored) && { note: [report.nondeterministic, cpuIgnored].filter(Boolean).join(' ') }),
    shownSchedules: replays.map((o, i) => (i === 0 ? 'default' : replaySchedule(o))),
    ...(test && { test: { fullTitle: test.test.fullTitle, kind: test.test.kind } }),
  };
  panels.showComparison(comparison, comparison.map(() => document.uri), undefined, races);
  if (report.outcomes.length === 1) void vscode.window.showInformationMessage(`${report.runs} runs, 1 outcome: no schedule changed what ${test ? `“${test.test.fullTitle}”` : name} does.`);
  return { ...base, ...(differing && { shownSchedule: replaySchedule(differing) }), ...(divergence && { divergenceMs: divergence.t }) };
}

/** The runs a Find races panel shows (the default run first), each replayed from its schedule, traced and labelled. */
async function runShown(common: RunOptions, shown: { label: string; schedule: RuntimeSchedule }[]): Promise<{ results: RunResult[]; comparison: ComparisonRun[] }> {
  const results = await Promise.all(shown.map(({ schedule }) => runProgram({ ...common, schedule })));
  return { results, comparison: results.map((r, i) => ({ label: shown[i].label, trace: r.trace })) };
}

/**
 * A Find races panel restored after a reload: the runs it showed, replayed from their schedules
 * (deterministic, so the same runs), beside the explorer's saved result — not a new exploration
 * (a reload should not start 200 runs of real I/O). A test's panel replays that test (the state
 * names it; a test renamed since closes the panel). A file run as a function's lens shows the
 * whole file's runs: the saved state does not name the function.
 */
export async function replayRaces(panels: PanelManager, uri: vscode.Uri, races: RaceReport, into: vscode.WebviewPanel): Promise<void> {
  const schedules = (races.shownSchedules ?? []).map((text) => parseScheduleId(text));
  const invalid = schedules.find((s): s is { error: string } => 'error' in s);
  if (invalid || schedules.length === 0 || !isTrusted()) {
    into.dispose(); // nothing faithful to show
    return;
  }
  const document = await documentOf(uri);
  let test: TestSelection | undefined;
  if (races.test) {
    const selection = await selectTest(document, { uri: uri.toString(), ...races.test }, 'Find races in this test');
    if ('dismissed' in selection) {
      into.dispose();
      return;
    }
    test = selection;
  }
  const { common } = await runOptionsFor(document, undefined, test);
  const { comparison } = await runShown(common, schedules.map((schedule, i) => ({
    label: i === 0 ? 'default schedule' : races.shownSchedules![i],
    schedule: schedule as RuntimeSchedule,
  })));
  panels.showComparison(comparison, comparison.map(() => uri), into, races);
}

export function registerFindRaces(context: vscode.ExtensionContext, panels: PanelManager, args: EntryArguments): void {
  context.subscriptions.push(registerCommand(CommandId.FindRaces, (target) => findRaces(panels, args, target)));
  panels.rerunRaces = (uri, races, into) => void replayRaces(panels, uri, races, into).catch((err: unknown) => {
    output().appendLine(`✖ restoring the Find races panel of ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
    into.dispose();
  });
}
