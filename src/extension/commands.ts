/**
 * The extension's command ids, the arguments each one takes, and typed builders for
 * `vscode.Command` objects (what a CodeLens needs). One table, as in vscode-js-debug: a
 * command id is spelled once, and a wrong argument is a compile error, not a runtime surprise.
 *
 * The ids must match `contributes.commands` in package.json; the test suite checks that.
 */
import * as vscode from 'vscode';

export const enum CommandId {
  /** Palette: run the active file (or, after a quick pick, the async function at the cursor). */
  Visualize = 'asyncTimeline.visualize',
  /** CodeLens: run one async function as the entry. Hidden from the palette (needs a target). */
  VisualizeFunction = 'asyncTimeline.visualizeFunction',
  /** CodeLens after a run: reveal the file's timeline panel. Hidden from the palette. */
  ShowPanel = 'asyncTimeline.showPanel',
  /** CodeLens: change the remembered arguments of a function. Hidden from the palette. */
  EditArguments = 'asyncTimeline.editArguments',
  /** Palette: run 2+ files and show them side by side on one time scale. */
  CompareRuns = 'asyncTimeline.compareRuns',
  /** Palette: the samples gallery; opens an editable copy of the chosen sample (with its types) and runs it. */
  OpenSample = 'asyncTimeline.openSample',
  /** Panel title bar / palette: run the timeline's file again, the way it last ran. */
  Rerun = 'asyncTimeline.rerun',
  /** Panel title bar (while running) / status bar: stop the run (the trace so far is kept). */
  Stop = 'asyncTimeline.stop',
  /** Panel title bar: open the timeline's source file beside it. */
  OpenSource = 'asyncTimeline.openSource',
  /** Panel title bar: keep this timeline for its file (the next run of another file opens a new preview). */
  KeepPanel = 'asyncTimeline.keepPanel',
  /** Banner / status bar after a budget stop: run again with a larger budget. Hidden from the palette. */
  ContinueRun = 'asyncTimeline.continueRun',
  /** Banner of a run that replayed a recording: run again, performing its outside requests for real. Hidden from the palette. */
  RecordAgain = 'asyncTimeline.recordAgain',
  /** Palette: this file's last run against the run before it, on one time scale. */
  CompareWithPrevious = 'asyncTimeline.compareWithPrevious',
  /** Palette: this file as saved on disk against its current (unsaved) text. */
  CompareWithSaved = 'asyncTimeline.compareWithSaved',
  /** Panel / trace editor: save the shown trace as a `.async-timeline.json` file. */
  SaveTrace = 'asyncTimeline.saveTrace',
  /** Panel / trace editor: save the run as Chrome Trace Event JSON and say how to open it in Perfetto. */
  OpenInPerfetto = 'asyncTimeline.openInPerfetto',
  /** Palette: open a saved trace file in the trace editor. */
  OpenTraceFile = 'asyncTimeline.openTraceFile',
  /** Palette: the Getting Started walkthrough. */
  GetStarted = 'asyncTimeline.getStarted',
  /** Test lens: run one test (or one suite) of the file in the simulator. Hidden from the palette (needs a target). */
  VisualizeTest = 'asyncTimeline.visualizeTest',
  /** Palette / CodeLens / test lens: run the file (or the lens's function, or only the lens's test) under many schedules and show the outcomes (the race explorer). */
  FindRaces = 'asyncTimeline.findRaces',
}

/** A test (or suite) a test lens points at: plain data, it travels through `vscode.Command.arguments`. */
export interface TestTarget {
  uri: string;
  /** Mocha's full title (enclosing suites' titles and its own, joined by spaces). */
  fullTitle: string;
  kind: 'suite' | 'test';
}

/** An async function a lens points at. Plain data: it travels through `vscode.Command.arguments`. */
export interface FunctionTarget {
  /** The document's URI, as a string. */
  uri: string;
  /** The function's display name (`count`, `Server.handle`); looked up again when the lens runs. */
  name: string;
}

/** Each command's argument list. */
export interface CommandArgs {
  [CommandId.Visualize]: [uri?: vscode.Uri];
  [CommandId.VisualizeFunction]: [target: FunctionTarget];
  [CommandId.ShowPanel]: [uri: string];
  [CommandId.EditArguments]: [target: FunctionTarget];
  [CommandId.CompareRuns]: [uris?: vscode.Uri[]];
  [CommandId.OpenSample]: [file?: string];
  [CommandId.Rerun]: [uri?: vscode.Uri];
  [CommandId.Stop]: [uri?: vscode.Uri];
  [CommandId.OpenSource]: [uri?: vscode.Uri];
  [CommandId.KeepPanel]: [uri?: vscode.Uri];
  [CommandId.ContinueRun]: [uri?: vscode.Uri];
  [CommandId.RecordAgain]: [uri?: vscode.Uri];
  [CommandId.CompareWithPrevious]: [uri?: vscode.Uri];
  [CommandId.CompareWithSaved]: [uri?: vscode.Uri];
  /** `uri`: the panel's source file or the trace file (the title bar passes it); `target`: where to write, no dialog (tests). */
  [CommandId.SaveTrace]: [uri?: vscode.Uri, target?: vscode.Uri];
  [CommandId.OpenInPerfetto]: [uri?: vscode.Uri, target?: vscode.Uri];
  [CommandId.OpenTraceFile]: [uri?: vscode.Uri];
  [CommandId.GetStarted]: [];
  [CommandId.VisualizeTest]: [target: TestTarget];
  /** A file (palette, explorer), a lens's function, a test lens's test, or nothing (the active editor's file). */
  [CommandId.FindRaces]: [target?: vscode.Uri | FunctionTarget | TestTarget];
}

/** Builds a typed `vscode.Command`. */
export function command<C extends keyof CommandArgs>(
  id: C,
  title: string,
  tooltip: string | undefined,
  ...args: CommandArgs[C]
): vscode.Command {
  return { command: id, title, tooltip, arguments: args };
}

/** Registers a handler whose parameters are checked against `CommandArgs`. */
export function registerCommand<C extends keyof CommandArgs>(
  id: C,
  handler: (...args: CommandArgs[C]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
}
