/**
 * "Save trace…" and "Open in Perfetto…": the shown trace written to a file the user picks.
 *
 * - Save trace: the versioned trace (src/core/export/trace-file.ts) as `<name>.async-timeline.json`,
 *   which VS Code opens again in the read-only trace editor (traceEditor.ts).
 * - Open in Perfetto: the run as Chrome Trace Event JSON (src/core/export/perfetto.ts), then a
 *   message saying how to open it at ui.perfetto.dev or in Chrome DevTools. We never open a
 *   network connection ourselves: the user takes the file to Perfetto (which reads it in the
 *   browser), or keeps it.
 *
 * Both take an optional target (the integration tests, which cannot answer a save dialog).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderChromeTraceJson } from '../core/export/perfetto';
import { serializeTrace, TRACE_FILE_SUFFIX, traceFileName } from '../core/export/trace-file';
import type { TraceFile } from '../core/trace/format';
import { output } from './output';

export interface ExportResult {
  status: 'saved' | 'cancelled' | 'nothing' | 'failed';
  /** The file written. */
  uri?: string;
  message?: string;
}

/** Where a file about `source` goes by default: beside it on disk, else in the first workspace folder. */
function defaultFolder(source: vscode.Uri | undefined): vscode.Uri | undefined {
  if (source?.scheme === 'file') return vscode.Uri.file(path.dirname(source.fsPath));
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** `chat-async` from the trace's entry (or the source's name). */
function baseName(trace: TraceFile, source: vscode.Uri | undefined): string {
  const fromEntry = traceFileName(trace.meta?.entry || (source ? path.basename(source.path) : 'trace'));
  return fromEntry.slice(0, -TRACE_FILE_SUFFIX.length);
}

async function pickTarget(suggested: vscode.Uri | undefined, name: string, filters: Record<string, string[]>, title: string): Promise<vscode.Uri | undefined> {
  return vscode.window.showSaveDialog({ defaultUri: suggested ? vscode.Uri.joinPath(suggested, name) : undefined, filters, title, saveLabel: 'Save' });
}

export async function saveTraceFile(trace: TraceFile | null, source: vscode.Uri | undefined, target?: vscode.Uri): Promise<ExportResult> {
  if (!trace) return { status: 'nothing', message: 'There is no trace to save yet: run the file first.' };
  const name = `${baseName(trace, source)}${TRACE_FILE_SUFFIX}`;
  const uri = target ?? await pickTarget(defaultFolder(source), name, { 'Async Timeline trace': ['json'] }, 'Save trace');
  if (!uri) return { status: 'cancelled' };
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeTrace(trace)));
  output().appendLine(`saved the trace to ${uri.fsPath}`);
  if (!uri.path.endsWith(TRACE_FILE_SUFFIX)) {
    void vscode.window.showInformationMessage(`Saved ${path.basename(uri.path)}. Name it *${TRACE_FILE_SUFFIX} to have VS Code open it as a timeline.`);
  }
  return { status: 'saved', uri: uri.toString() };
}

export async function openInPerfetto(trace: TraceFile | null, source: vscode.Uri | undefined, target?: vscode.Uri): Promise<ExportResult> {
  if (!trace) return { status: 'nothing', message: 'There is no trace to export yet: run the file first.' };
  const name = `${baseName(trace, source)}.perfetto.json`;
  const uri = target ?? await pickTarget(defaultFolder(source), name, { 'Chrome Trace Event JSON': ['json'] }, 'Save for Perfetto');
  if (!uri) return { status: 'cancelled' };
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderChromeTraceJson(trace)));
  output().appendLine(`saved the Perfetto (Chrome Trace Event) export to ${uri.fsPath}`);
  const message = `Saved ${path.basename(uri.path)}. To see it in Perfetto, open ui.perfetto.dev in your browser and choose “Open trace file” with this file (Perfetto reads it in the browser). Chrome DevTools opens it too: Performance → Load profile. Times are virtual: 1 ms of the run = 1 ms there.`;
  if (!target) {
    void vscode.window.showInformationMessage(message, 'Reveal in File Explorer', 'Copy Path').then((choice) => {
      if (choice === 'Reveal in File Explorer') void vscode.commands.executeCommand('revealFileInOS', uri);
      if (choice === 'Copy Path') void vscode.env.clipboard.writeText(uri.fsPath);
    });
  }
  return { status: 'saved', uri: uri.toString(), message };
}
