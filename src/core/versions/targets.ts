/**
 * The Node.js versions the simulator imitates. Everything that differs between Node lines
 * (globals, syntax, module rules, defaults, printing) is keyed on a `NodeMajor`.
 */

/** A supported Node major line. Node 20 reached end of life on 2026-04-30 but is still offered. */
export type NodeMajor = 20 | 22 | 24 | 26;

/** Oldest first. */
export const SUPPORTED_NODE_MAJORS: readonly NodeMajor[] = [20, 22, 24, 26];

/** The newest LTS line we support: the target when nothing in the workspace names a version. */
export const DEFAULT_NODE_MAJOR: NodeMajor = 26;

export function isNodeMajor(value: unknown): value is NodeMajor {
  return typeof value === 'number' && (SUPPORTED_NODE_MAJORS as readonly number[]).includes(value);
}
