/**
 * Loads the `typescript` package through a V8 code cache kept on disk.
 *
 * typescript.js is ~9 MB of JavaScript: compiling it is most of a short run's cost (0.3 s on an
 * idle machine, 1–2 s under load), paid by every worker. This module is imported first by
 * worker.ts, so it runs before any `require('typescript')` of the bundle: it compiles the file
 * with `vm.Script` + `cachedData` (V8 checks the cache against the source and its own flags and
 * silently compiles from scratch when it does not fit) and puts the module into `require.cache`,
 * where the bundle's `require('typescript')` finds it. After the first instrumentation,
 * `saveTypeScriptCodeCache()` writes the cache (including the functions compiled lazily by then)
 * when there was none. Any failure falls back to a plain `require`: the cache only saves time.
 *
 * Cache file: `<tmpdir>/async-timeline-code-cache/typescript-<hash>.bin`, the hash covering the
 * file's path, size and mtime and the node version/arch. Written to a temp name, then renamed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

let script: vm.Script | undefined;
let cacheFile: string | undefined;
let needsWrite = false;

function preload(): void {
  if (process.env.ASYNC_TIMELINE_NO_CODE_CACHE) return;
  try {
    const file = require.resolve('typescript');
    if (require.cache[file]) return;
    const stat = fs.statSync(file);
    const key = crypto.createHash('sha1').update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
    cacheFile = path.join(os.tmpdir(), 'async-timeline-code-cache', `typescript-${key}.bin`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const source = fs.readFileSync(file, 'utf8');
    script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
    needsWrite = cachedData === undefined || script.cachedDataRejected === true;
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
    require.cache[file] = mod;
  } catch {
    script = undefined;
    needsWrite = false;
  }
}

/** Writes the code cache if there was none (or V8 rejected it). Cheap no-op otherwise. */
export function saveTypeScriptCodeCache(): void {
  if (!needsWrite || !script || !cacheFile) return;
  needsWrite = false;
  try {
    const data = script.createCachedData();
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, cacheFile);
  } catch {
    // a read-only tmpdir only costs time
  }
}

preload();
