/**
 * The Node line a run imitates: the `asyncTimeline.nodeVersion` setting, or auto (the
 * workspace's node, src/core/versions/resolve-target.ts). When the workspace names a line that
 * is not imitated, an information message says which one is used instead — once per session
 * and notice, not on every run or save.
 */
import * as vscode from 'vscode';
import { resolveNodeTarget, type NodeChoice } from '../core/versions/resolve-target';
import type { NodeMajor } from '../core/versions/targets';

const shown = new Set<string>();

export async function runNodeTarget(choice: NodeChoice, cwd: string, file: string): Promise<NodeMajor> {
  const target = await resolveNodeTarget(choice, { cwd, file });
  if (target.notice && !shown.has(target.notice)) {
    shown.add(target.notice);
    void vscode.window.showInformationMessage(`Async Timeline: ${target.notice} Choose one with the setting asyncTimeline.nodeVersion.`);
  }
  return target.major;
}
