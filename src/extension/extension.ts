/**
 * Async Timeline's extension host: thin wiring of the pure core (src/core) to VS Code.
 * `activate` is a list of registrations; each module owns one concern and puts everything it
 * creates into `context.subscriptions`. See docs/ARCHITECTURE.md ("Extension host").
 */
import * as vscode from 'vscode';
import { makeTestApi, type AsyncTimelineTestApi } from './api';
import { registerCodeLens } from './codeLens';
import { registerCompare } from './compare';
import { registerFindRaces } from './findRaces';
import { registerDecorations } from './decorations';
import { registerDiagnostics } from './diagnostics';
import { EntryArguments } from './entries';
import { registerFunctionIndex } from './functionIndex';
import { registerOutput } from './output';
import { registerRealIoNotice } from './trust';
import { registerPanels } from './panels';
import { Runner } from './runner';
import { registerSamples } from './samples';
import { registerStatusBar } from './statusBar';
import { registerTraceCommands } from './traceCommands';
import { registerTraceEditor } from './traceEditor';
import { registerTestLens } from './testLens';
import { registerVisualize, Visualizer } from './visualize';

export function activate(context: vscode.ExtensionContext): AsyncTimelineTestApi {
  registerOutput(context);
  registerRealIoNotice(context);
  registerDiagnostics(context);
  registerFunctionIndex(context);

  // Instrumented files are cached by content in the extension's storage: re-runs of an
  // unchanged program (and its node_modules) instrument nothing again.
  const runner = new Runner(vscode.Uri.joinPath(context.globalStorageUri, 'instrument-cache').fsPath);
  context.subscriptions.push(runner);
  const args = new EntryArguments(context.workspaceState);

  // The serializer must be registered during activation (VS Code restores panels right after),
  // so the panel manager exists before the visualizer; its re-run callback only runs later.
  const panels = registerPanels(context, runner, {
    rerun: (uri) => void visualizer.rerun(uri),
    continueRun: (uri) => void visualizer.continueRun(uri),
    recordAgain: (uri) => void visualizer.recordAgain(uri),
  });
  const visualizer = new Visualizer(runner, panels, args);

  registerVisualize(context, visualizer, panels);
  registerCompare(context, runner, panels);
  registerFindRaces(context, panels, args);
  registerSamples(context, visualizer);
  registerCodeLens(context, runner, args);
  const statusBar = registerStatusBar(context, runner);
  const decorations = registerDecorations(context, runner, panels);
  // Saved traces: the read-only editor for *.async-timeline.json, Save trace… / Open in Perfetto….
  const traceEditor = registerTraceEditor(context);
  registerTraceCommands(context, panels, traceEditor);
  // Visualize one test: a lens above each mocha describe/it, runs only that test in the simulator.
  registerTestLens(context, visualizer);
  return makeTestApi(runner, panels, decorations, args, statusBar, traceEditor);
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it (aborting running programs).
}
