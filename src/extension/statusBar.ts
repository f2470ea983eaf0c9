/**
 * One status-bar item for runs: from the moment a run starts ("$(sync~spin) Running x.ts…",
 * click to stop it) to its outcome ("$(pulse) x.ts: 1.00 s · 4 tasks", click to show the
 * timeline; a budget stop offers "Continue for longer"; a cancel says so in the same words as
 * the panel). It also keeps the `asyncTimeline.running` context key that shows the panel's
 * Stop action in the editor title.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatDuration } from '../core/viewmodel/axis';
import { CommandId } from './commands';
import type { RunRecord, Runner } from './runner';

export interface StatusSnapshot {
  text: string;
  tooltip: string;
  command: string | undefined;
  visible: boolean;
}

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('asyncTimeline.run', vscode.StatusBarAlignment.Left, 20);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private visible = false;

  constructor(private readonly runner: Runner) {
    this.item.name = 'Async Timeline run';
    this.disposables.push(
      runner.onDidStart(({ uri, runPath }) => this.running(uri, runPath)),
      runner.onDidRun((record) => this.done(record)),
    );
  }

  private running(uri: string, runPath: string): void {
    const name = path.basename(runPath);
    this.item.text = `$(sync~spin) Running ${name}…`;
    this.item.tooltip = `Async Timeline is running ${name} on the simulated event loop. Click to stop it (the timeline keeps what ran so far).`;
    this.item.command = { command: CommandId.Stop, title: 'Stop', arguments: [vscode.Uri.parse(uri)] };
    this.item.backgroundColor = undefined;
    this.show();
    void vscode.commands.executeCommand('setContext', 'asyncTimeline.running', true);
  }

  private done(record: RunRecord): void {
    void vscode.commands.executeCommand('setContext', 'asyncTimeline.running', this.runner.isRunning());
    const name = path.basename(record.runPath);
    const uri = vscode.Uri.parse(record.uri);
    const trace = record.result?.trace;
    const stats = trace ? `${formatDuration(trace.meta.endTime)} · ${trace.tasks.filter((t) => t && t.kind !== 'main').length} tasks` : '';
    if (record.stop?.kind === 'cancel') {
      this.item.text = `$(debug-stop) ${name}: cancelled`;
      this.item.tooltip = record.stop.message;
      this.item.command = { command: CommandId.ShowPanel, title: 'Show timeline', arguments: [record.uri] };
    } else if (record.stop) {
      this.item.text = `$(warning) ${name}: stopped${stats ? ` at ${formatDuration(trace!.meta.endTime)}` : ''}`;
      this.item.tooltip = `${record.stop.message}${record.canContinue ? '\nClick to continue for longer.' : ''}`;
      this.item.command = record.canContinue
        ? { command: CommandId.ContinueRun, title: 'Continue for longer', arguments: [uri] }
        : { command: CommandId.ShowPanel, title: 'Show timeline', arguments: [record.uri] };
    } else if (record.status === 'finished' && !record.message) {
      this.item.text = `$(pulse) ${name}: ${stats}`;
      this.item.tooltip = `Last run of ${name}: ${stats}. Click to show its timeline.`;
      this.item.command = { command: CommandId.ShowPanel, title: 'Show timeline', arguments: [record.uri] };
    } else if (record.status === 'untrusted') {
      this.item.text = `$(shield) ${name}: not run`;
      this.item.tooltip = record.message ?? 'The workspace is not trusted.';
      this.item.command = undefined;
    } else {
      this.item.text = `$(error) ${name}: ${record.result ? 'ended with an error' : 'failed'}`;
      this.item.tooltip = record.message ?? 'The run failed.';
      this.item.command = { command: CommandId.ShowPanel, title: 'Show timeline', arguments: [record.uri] };
    }
    this.show();
  }

  private show(): void {
    this.visible = true;
    this.item.show();
  }

  snapshot(): StatusSnapshot {
    const c = this.item.command;
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), command: typeof c === 'string' ? c : c?.command, visible: this.visible };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function registerStatusBar(context: vscode.ExtensionContext, runner: Runner): RunStatusBar {
  const bar = new RunStatusBar(runner);
  context.subscriptions.push(bar);
  return bar;
}
