/**
 * Source linking in the editor: after a run, await lines get a subtle after-text hint
 * ("waited 1000 ms × 3"); the timeline cursor's event highlights its line; and moving the
 * editor cursor onto a line with sites selects those events in the timeline.
 */
import * as vscode from 'vscode';
import { inlineHintsEnabled, SECTION } from './config';
import type { CursorChange, PanelManager } from './panels';
import type { RunRecord, Runner } from './runner';
import { awaitHints, fileIndexes, formatHint, siteLines } from './traceSummary';

export class SourceDecorations implements vscode.Disposable {
  private readonly hintType = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 2em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly cursorType = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  /** Document URI → hint per 0-based line, for the document version that ran. */
  private readonly hints = new Map<string, { version: number; lines: Map<number, string> }>();
  /** The highlighted line: absolute path + 0-based line. */
  private cursor: { fsPath: string; line: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [this.hintType, this.cursorType];

  constructor(private readonly runner: Runner, private readonly panels: PanelManager) {
    this.disposables.push(
      runner.onDidRun((r) => this.onRun(r)),
      panels.onDidChangeCursor((c) => this.onCursor(c)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.applyAll()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Edits move lines under the hints: drop them until the next run (re-run on save brings them back).
        if (e.contentChanges.length > 0 && this.hints.delete(e.document.uri.toString())) this.applyAll();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.inlineHints`)) this.applyAll();
      }),
    );
  }

  /** Hint texts of a document, by 0-based line (the test API reads them). */
  hintsOf(uri: vscode.Uri): ReadonlyMap<number, string> {
    return this.hints.get(uri.toString())?.lines ?? new Map();
  }

  private onRun(record: RunRecord): void {
    if (!record.result) return;
    const files = fileIndexes(record.result.trace, record.runPath, record.cwd);
    const lines = new Map<number, string>();
    for (const h of awaitHints(record.result.trace, files)) lines.set(h.line, formatHint(h));
    this.hints.set(record.uri, { version: record.version, lines });
    this.applyAll();
  }

  private onCursor(change: CursorChange): void {
    this.cursor = change.location ? { fsPath: change.location.fsPath, line: change.location.line - 1 } : undefined;
    this.applyAll();
  }

  private applyAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  private apply(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const entry = this.hints.get(doc.uri.toString());
    const hintOptions: vscode.DecorationOptions[] = [];
    if (entry && entry.version === doc.version && inlineHintsEnabled(doc.uri)) {
      for (const [line, text] of entry.lines) {
        if (line >= doc.lineCount) continue;
        const end = doc.lineAt(line).range.end;
        hintOptions.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } });
      }
    }
    editor.setDecorations(this.hintType, hintOptions);
    const onThisDoc = this.cursor && doc.uri.scheme === 'file' && doc.uri.fsPath === this.cursor.fsPath && this.cursor.line < doc.lineCount;
    editor.setDecorations(this.cursorType, onThisDoc && this.cursor ? [new vscode.Range(this.cursor.line, 0, this.cursor.line, 0)] : []);
  }

  /** Editor cursor on a line with sites → every panel whose trace has that file selects the events there. */
  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    if (e.selections.length !== 1) return;
    const doc = e.textEditor.document;
    const pos = e.selections[0].active;
    if (this.panels.isRevealEcho(doc.uri, pos.line)) return;
    for (const panel of this.panels.all()) {
      const record = this.runner.lastRun(panel.sourceUri);
      if (!record?.result || !panel.ready) continue;
      const trace = record.result.trace;
      const path = panel.sourceUri.toString() === doc.uri.toString() ? record.runPath : doc.uri.fsPath;
      const files = fileIndexes(trace, path, record.cwd);
      if (files.size === 0 || !siteLines(trace, files).has(pos.line)) continue;
      const fileName = trace.files[[...files][0]];
      panel.selectEvents(fileName, pos.line + 1, pos.character + 1);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function registerDecorations(context: vscode.ExtensionContext, runner: Runner, panels: PanelManager): SourceDecorations {
  const decorations = new SourceDecorations(runner, panels);
  context.subscriptions.push(decorations);
  return decorations;
}
