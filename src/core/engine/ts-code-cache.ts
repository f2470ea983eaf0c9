/**
 * Loads the `typescript` package through a V8 code cache kept on disk (code-cache.ts).
 *
 * typescript.js is ~9 MB of JavaScript: compiling it is most of a short run's cost (0.3 s on an
 * idle machine, 1–2 s under load), paid by every worker. This module is imported first by
 * worker.ts, so it runs before any `require('typescript')` of the bundle: it compiles the file
 * as a CommonJS module through its cache and puts the module into `require.cache`, where the
 * bundle's `require('typescript')` finds it. After the first instrumentation, the worker writes
 * the caches it had to compile without (`saveCodeCaches`), with the functions compiled lazily by
 * then. Any failure falls back to a plain `require`: the cache only saves time.
 */
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { compileWithCodeCache } from './code-cache';

function preload(): void {
  if (process.env.ASYNC_TIMELINE_NO_CODE_CACHE) return;
  try {
    const file = require.resolve('typescript');
    if (require.cache[file]) return;
    const script = compileWithCodeCache(file, file, (source) => Module.wrap(source));
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
    require.cache[file] = mod;
  } catch {
    // a plain require() compiles it
  }
}

preload();
