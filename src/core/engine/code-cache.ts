/**
 * V8 code caches on disk for the big scripts every worker compiles: typescript.js (9 MB, through
 * ts-code-cache.ts) and, for its sandboxes, dist/runtime.js and dist/nodelib.js (Node's own
 * layer, 6.4 MB). Compiling the last two took 100–170 ms of every worker's start — each run's, a
 * spare's, every CLI run's; from a cache it is 8–13 ms (measured on this project's 2-core
 * machine). Kept in `<tmpdir>/async-timeline-code-cache/`.
 *
 * Keyed by the file's path, size, mtime and inode and the node version/arch: V8 checks a cache
 * against its own version and flags and compiles from scratch when it does not fit, but it
 * checks the source only by its length, so the key must change with the content (a rebuilt
 * file has another mtime). A missing or rejected cache is written after the worker's run
 * (`saveCodeCaches`), so it holds the functions compiled lazily by then too; the older
 * caches of the same file go at that moment. Any failure only costs time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const CACHE_DIR = path.join(os.tmpdir(), 'async-timeline-code-cache');

/** Scripts compiled without a usable cache in this worker: written by `saveCodeCaches`. */
const unsaved: { script: vm.Script; cacheFile: string; prefix: string }[] = [];

/**
 * `file`'s text (`wrap`ped, as a CommonJS module's is) compiled as `filename`, through its code
 * cache when there is one that fits. `ASYNC_TIMELINE_NO_CODE_CACHE` turns the caches off.
 */
export function compileWithCodeCache(file: string, filename: string, wrap: (source: string) => string = (source) => source): vm.Script {
  const source = wrap(fs.readFileSync(file, 'utf8'));
  if (process.env.ASYNC_TIMELINE_NO_CODE_CACHE) return new vm.Script(source, { filename });
  let cacheFile: string | undefined;
  let prefix = '';
  let cachedData: Buffer | undefined;
  try {
    const stat = fs.statSync(file);
    const key = crypto.createHash('sha1').update(`${stat.size}\0${stat.mtimeMs}\0${stat.ino}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
    // One prefix per file path: a build's caches replace only that path's older ones (an
    // installed extension and a checkout's dist/ each keep theirs).
    prefix = `${path.basename(file, '.js')}-${crypto.createHash('sha1').update(file).digest('hex').slice(0, 8)}-`;
    cacheFile = path.join(CACHE_DIR, `${prefix}${key}.bin`);
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(source, { filename, ...(cachedData && { cachedData }) });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected === true)) unsaved.push({ script, cacheFile, prefix });
  return script;
}

/**
 * Writes the caches this worker had to compile without (a cheap no-op when every one fitted).
 * Called once the scripts have run a while, so the caches hold their lazily compiled functions.
 */
export function saveCodeCaches(): void {
  for (const { script, cacheFile, prefix } of unsaved.splice(0)) {
    try {
      const data = script.createCachedData();
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, cacheFile);
      // The caches of earlier builds of the same file are of no use any more.
      for (const name of fs.readdirSync(CACHE_DIR)) {
        if (name.startsWith(prefix) && name.endsWith('.bin') && path.join(CACHE_DIR, name) !== cacheFile) fs.rmSync(path.join(CACHE_DIR, name), { force: true });
      }
    } catch {
      // a read-only tmpdir only costs time
    }
  }
}
