/**
 * The `node` the workspace would run: `node --version` started in the workspace folder with the
 * caller's PATH. Started there (not just looked up) so that version managers whose `node` is a
 * shim that reads the folder (volta, asdf, nodenv, mise, nvm-windows) answer for this folder.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface PathNode {
  /** What `node --version` printed, e.g. `v22.3.0`. */
  version: string;
  major: number;
}

/** How long a shim may take to answer (a first volta run can download). */
const PROBE_TIMEOUT_MS = 5000;

/**
 * What real `node` executables answered, by the file's identity (its real path, size, mtime and
 * inode). The same file prints the same version, so asking it again — a process start, 25 ms on
 * an idle machine and over 50 under load, on every run's way from the click to the timeline —
 * is skipped. Only a file that is surely Node itself is remembered (see `realNodeIdentity`);
 * a version manager's shim is asked every time, as its answer depends on the folder.
 */
const answeredBy = new Map<string, PathNode>();

/** A real Node executable is tens of MB; a shim script or a small dispatcher is not. */
const REAL_NODE_MIN_BYTES = 20 * 1024 * 1024;

/**
 * The identity of the executable `command` names (found on PATH from `cwd`, as the probe would
 * start it), when it is surely Node itself: after its links, a file named `node` of Node's size.
 * Undefined otherwise (a shim: volta's, mise's and nodenv's resolve to other names or to
 * scripts), and on Windows, where PATHEXT and shims make the lookup another matter.
 */
function realNodeIdentity(command: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32') return undefined;
  const candidates = command.includes('/') ? [path.resolve(cwd, command)] : (env.PATH ?? '').split(path.delimiter).map((dir) => path.resolve(cwd, dir, command));
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      const real = fs.realpathSync(candidate);
      const stat = fs.statSync(real);
      if (!stat.isFile()) continue;
      if (path.basename(real) !== 'node' || stat.size < REAL_NODE_MIN_BYTES) return undefined;
      return `${real}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}`;
    } catch {
      // not here: the next PATH entry
    }
  }
  return undefined;
}

/** Undefined when there is no `node` on PATH, it fails, or it prints something else. */
export async function probePathNode(cwd: string, env: NodeJS.ProcessEnv = process.env, command = 'node'): Promise<PathNode | undefined> {
  const identity = realNodeIdentity(command, cwd, env);
  const known = identity === undefined ? undefined : answeredBy.get(identity);
  if (known) return known;
  const found = await askVersion(cwd, env, command);
  if (found && identity !== undefined) answeredBy.set(identity, found);
  return found;
}

function askVersion(cwd: string, env: NodeJS.ProcessEnv, command: string): Promise<PathNode | undefined> {
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
