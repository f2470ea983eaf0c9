/**
 * Turning "run this function" into a run request: whether the function can be the engine's
 * entry, and its arguments (asked once with an InputBox, remembered per function in
 * workspaceState).
 *
 * Which functions can be entries: the engine calls an *exported* function after the module
 * has loaded (`RunOptions.entryFunction`).
 * - Exported top-level functions and `const` arrows run as they are.
 * - Top-level but not exported: we append `export { name };` to the source the engine gets
 *   (after the last line, so line numbers do not move). The file on disk is not touched.
 * - Methods and nested functions have no name the module could export (a method needs an
 *   instance): their lens runs the whole file, and says so in its tooltip.
 * - The module's top level runs before the entry is called (engine semantics). When the top
 *   level already calls the function without arguments (`main();`), calling it again would
 *   run it twice: the lens runs the whole file instead, which is the same program once.
 */
import * as vscode from 'vscode';
import { argumentTemplate, formatParams, type AsyncFunctionInfo } from './asyncFunctions';
import type { RunRequest } from './runner';

const ARGS_KEY = 'asyncTimeline.entryArgs';

export function canBeEntry(fn: AsyncFunctionInfo): boolean {
  return fn.entryName !== undefined;
}

/** Whether running `fn` means running the whole file (see the list above). */
export function runsWholeFile(fn: AsyncFunctionInfo): boolean {
  return !canBeEntry(fn) || (fn.calledAtTopLevel && !fn.hasParams);
}

function argsKey(uri: vscode.Uri, fn: Pick<AsyncFunctionInfo, 'name'>): string {
  return `${uri.toString()}#${fn.name}`;
}

export class EntryArguments {
  constructor(private readonly state: vscode.Memento) {}

  get(uri: vscode.Uri, fn: AsyncFunctionInfo): string | undefined {
    return this.state.get<Record<string, string>>(ARGS_KEY, {})[argsKey(uri, fn)];
  }

  async set(uri: vscode.Uri, fn: Pick<AsyncFunctionInfo, 'name'>, args: string): Promise<void> {
    const all = { ...this.state.get<Record<string, string>>(ARGS_KEY, {}), [argsKey(uri, fn)]: args };
    await this.state.update(ARGS_KEY, all);
  }

  /** Asks for the arguments as a JS expression evaluating to an array. Undefined if dismissed. */
  async ask(uri: vscode.Uri, fn: AsyncFunctionInfo): Promise<string | undefined> {
    const value = await vscode.window.showInputBox(argumentsPrompt(fn, this.get(uri, fn)));
    if (value === undefined) return undefined;
    await this.set(uri, fn, value.trim());
    return value.trim();
  }

  /** The arguments to run `fn` with: none needed, remembered, or asked now. Undefined: the user dismissed the box. */
  async resolve(uri: vscode.Uri, fn: AsyncFunctionInfo): Promise<string | undefined> {
    if (!fn.hasParams) return '[]';
    return this.get(uri, fn) ?? this.ask(uri, fn);
  }
}

/**
 * The InputBox for `fn`'s arguments: its signature in the title, the last value used (else a
 * template with one placeholder per required parameter, guessed from its type) selected.
 */
export function argumentsPrompt(fn: Pick<AsyncFunctionInfo, 'name' | 'params'>, last: string | undefined): vscode.InputBoxOptions {
  const signature = `${fn.name}(${formatParams(fn.params)})`;
  const value = last ?? argumentTemplate(fn.params);
  return {
    title: `Arguments for ${signature}`,
    prompt: `The arguments of ${signature}, as a JavaScript array, e.g. ${argumentTemplate(fn.params)}. Remembered for this function${last !== undefined ? ' (this is the last value used)' : ''}.`,
    placeHolder: `[${fn.params.map((p) => p.name).join(', ')}]`,
    value,
    valueSelection: last !== undefined ? [0, value.length] : [1, Math.max(1, value.length - 1)],
    ignoreFocusOut: true,
    validateInput: (text) => (/^\s*\[[\s\S]*\]\s*$/.test(text) ? undefined : `Write an array literal: [${fn.params.map((p) => p.name).join(', ')}]`),
  };
}

/** The request for running `fn` of `document`; undefined when the user cancelled the arguments box. */
export async function functionRequest(document: vscode.TextDocument, fn: AsyncFunctionInfo, args: EntryArguments): Promise<RunRequest | undefined> {
  if (!fn.entryName || runsWholeFile(fn)) return { document };
  const argText = await args.resolve(document.uri, fn);
  if (argText === undefined) return undefined;
  return {
    document,
    entry: { name: fn.entryName, args: fn.hasParams ? argText : undefined, appendExport: !fn.exported },
  };
}
