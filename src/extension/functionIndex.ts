/**
 * The async functions of open documents, parsed once per document version. The lens provider,
 * the commands and the decorations all ask for them; a keystroke invalidates one entry.
 */
import * as vscode from 'vscode';
import { findAsyncFunctions, type AsyncFunctionInfo } from './asyncFunctions';

const cache = new Map<string, { version: number; functions: AsyncFunctionInfo[] }>();

export function asyncFunctionsOf(document: vscode.TextDocument, token?: vscode.CancellationToken): AsyncFunctionInfo[] {
  const key = document.uri.toString();
  const hit = cache.get(key);
  if (hit && hit.version === document.version) return hit.functions;
  const functions = findAsyncFunctions(document.getText(), document.fileName, token);
  // A cancelled parse returns [] and must not be remembered as the truth.
  if (!token?.isCancellationRequested) cache.set(key, { version: document.version, functions });
  return functions;
}

export function registerFunctionIndex(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => cache.delete(d.uri.toString())));
}
