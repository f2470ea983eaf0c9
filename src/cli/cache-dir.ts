/**
 * The CLI's instrumentation cache folder: `--cache-dir`, else `$ASYNC_TIMELINE_CACHE_DIR`, else
 * the user's cache folder (`$XDG_CACHE_HOME/async-timeline`, `~/.cache/async-timeline`).
 * `--no-cache` (false) uses none.
 */
import os from 'node:os';
import path from 'node:path';

export function cliCacheDir(flag: string | false | undefined, cwd: string): string | false {
  if (flag === false) return false;
  if (flag !== undefined) return path.resolve(cwd, flag);
  const env = process.env.ASYNC_TIMELINE_CACHE_DIR;
  if (env) return path.resolve(cwd, env);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'async-timeline', 'instrument');
}
