/**
 * The `node` the workspace would run: `node --version` started in the workspace folder with the
 * caller's PATH. Started there (not just looked up) so that version managers whose `node` is a
 * shim that reads the folder (volta, asdf, nodenv, mise, nvm-windows) answer for this folder.
 */
import { execFile } from 'node:child_process';

export interface PathNode {
  /** What `node --version` printed, e.g. `v22.3.0`. */
  version: string;
  major: number;
}

/** How long a shim may take to answer (a first volta run can download). */
const PROBE_TIMEOUT_MS = 5000;

/** Undefined when there is no `node` on PATH, it fails, or it prints something else. */
export function probePathNode(cwd: string, env: NodeJS.ProcessEnv = process.env, command = 'node'): Promise<PathNode | undefined> {
  return new Promise((resolve) => {
    // NODE_OPTIONS of the caller (a test runner's loader) must not break or slow the probe.
    const probeEnv = { ...env };
    delete probeEnv.NODE_OPTIONS;
    execFile(command, ['--version'], { cwd, env: probeEnv, timeout: PROBE_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      if (error) return resolve(undefined);
      const version = String(stdout).trim();
      const m = /^v(\d+)\.\d+\.\d+/.exec(version);
      resolve(m ? { version, major: Number(m[1]) } : undefined);
    });
  });
}
