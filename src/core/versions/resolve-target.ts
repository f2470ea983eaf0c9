/**
 * Which Node line a run imitates. An explicit choice (`--node 22`, the setting) wins. *auto*
 * (the default) takes the major of the `node` the workspace would run (PATH, started in the
 * workspace folder), then the nearest `.nvmrc` / `.node-version` / `engines.node` walking up from
 * the entry file's folder, else DEFAULT_NODE_MAJOR. A line we do not imitate (older than 20,
 * newer than 26, an odd "current" line) becomes the nearest supported one, with a notice that
 * says so, for the caller to show (CLI: stderr; extension: an information message).
 */
import path from 'node:path';
import { probePathNode, type PathNode } from './path-node';
import { DEFAULT_NODE_MAJOR, isNodeMajor, SUPPORTED_NODE_MAJORS, type NodeMajor } from './targets';
import { findVersionFile } from './workspace-files';

/** What the user can choose: a supported line or `auto`. */
export type NodeChoice = NodeMajor | 'auto';

/** The words `--node` and the setting accept, in the order help texts list them. */
export const NODE_CHOICES: readonly string[] = [...SUPPORTED_NODE_MAJORS.map(String), 'auto'];

/** `'22'` → 22, `'auto'` → 'auto', anything else (also `'v22'`, `'21'`) → undefined. */
export function parseNodeChoice(text: string): NodeChoice | undefined {
  if (text === 'auto') return 'auto';
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return isNodeMajor(n) ? n : undefined;
}

export interface NodeTarget {
  major: NodeMajor;
  /** Where the line came from, for people: `--node`, `node v22.3.0 on PATH`, `.nvmrc (lts/jod)`, … */
  source: string;
  /** The workspace names a line we do not imitate: what was chosen instead, in a sentence. */
  notice?: string;
}

/**
 * The supported line nearest to `major`: 20 below 20, 26 above 26, and an odd line (a
 * six-month "current" release) the even line cut after it, whose code it grew into.
 */
export function nearestSupported(major: number): NodeMajor {
  const oldest = SUPPORTED_NODE_MAJORS[0];
  const newest = SUPPORTED_NODE_MAJORS[SUPPORTED_NODE_MAJORS.length - 1];
  if (major <= oldest) return oldest;
  if (major >= newest) return newest;
  return SUPPORTED_NODE_MAJORS.find((m) => m >= major) ?? newest;
}

function noticeFor(major: number, source: string, chosen: NodeMajor): string {
  const supported = SUPPORTED_NODE_MAJORS.join(', ');
  const why =
    major < SUPPORTED_NODE_MAJORS[0] ? `is older than the oldest line async-timeline imitates (${supported})`
    : major > SUPPORTED_NODE_MAJORS[SUPPORTED_NODE_MAJORS.length - 1] ? `is newer than the newest line async-timeline imitates (${supported})`
    : `is not a line async-timeline imitates (${supported})`;
  return `Node ${major} (${source}) ${why}: imitating Node ${chosen} instead.`;
}

/** A found major, clamped to a supported one, with the notice when it had to be. */
function target(major: number, source: string): NodeTarget {
  if (isNodeMajor(major)) return { major, source };
  const chosen = nearestSupported(major);
  return { major: chosen, source, notice: noticeFor(major, source, chosen) };
}

export interface TargetPlace {
  /** The workspace folder (CLI: the current directory): where `node` is started. */
  cwd: string;
  /** The entry file: version files are looked for from its folder up (default: from `cwd`). */
  file?: string;
  /** PATH and the rest for the probe (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** The target for `choice` (undefined = auto). `probe` is replaceable for tests. */
export async function resolveNodeTarget(
  choice: NodeChoice | undefined,
  place: TargetPlace,
  probe: (cwd: string, env?: NodeJS.ProcessEnv) => Promise<PathNode | undefined> = probePathNode,
): Promise<NodeTarget> {
  if (choice !== undefined && choice !== 'auto') return { major: choice, source: 'chosen' };
  const onPath = await probe(place.cwd, place.env);
  if (onPath) return target(onPath.major, `node ${onPath.version} on PATH`);
  const found = findVersionFile(place.file ? path.dirname(path.resolve(place.cwd, place.file)) : place.cwd);
  if (found) {
    const name = path.basename(found.file);
    return target(found.major, name === 'package.json' ? `engines.node "${found.text}" in ${found.file}` : `${name} "${found.text}" in ${path.dirname(found.file)}`);
  }
  return { major: DEFAULT_NODE_MAJOR, source: 'default' };
}
