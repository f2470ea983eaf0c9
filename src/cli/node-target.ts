/**
 * The Node line a CLI run imitates: `--node`, or auto (src/core/versions/resolve-target.ts).
 * When the workspace names a line we do not imitate, the notice goes to stderr — the tool's
 * words, prefixed like every other message of the tool, once per distinct notice.
 */
import { resolveNodeTarget, type NodeChoice } from '../core/versions/resolve-target';
import type { NodeMajor } from '../core/versions/targets';

const said = new Set<string>();

export async function cliNodeTarget(choice: NodeChoice | undefined, cwd: string, file: string): Promise<NodeMajor> {
  const target = await resolveNodeTarget(choice, { cwd, file });
  if (target.notice && !said.has(target.notice)) {
    said.add(target.notice);
    process.stderr.write(`async-timeline: ${target.notice} Choose one with --node.\n`);
  }
  return target.major;
}
