/**
 * The "Async Timeline" Output channel: the program's own output (as the program printed it)
 * and the engine's warnings. A plain channel rather than a LogOutputChannel, because log
 * prefixes would garble the program's output.
 */
import * as vscode from 'vscode';

let channel: vscode.OutputChannel | undefined;

export function registerOutput(context: vscode.ExtensionContext): vscode.OutputChannel {
  channel = vscode.window.createOutputChannel('Async Timeline');
  context.subscriptions.push(channel);
  return channel;
}

export function output(): vscode.OutputChannel {
  if (!channel) throw new Error('output channel used before activation');
  return channel;
}
