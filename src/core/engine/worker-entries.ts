/**
 * The files a program may start Workers on, found in its source before it runs.
 *
 * Why before: `new Worker(file)` is synchronous, but bundling a file (esbuild with the
 * instrumenting plugin) is not — so the engine bundles every file the program's source names
 * in a Worker-shaped way up front, and the simulated `new Worker` picks the bundle it needs.
 * The shapes recognised are the ones Node's documentation and most code use:
 *
 *   new Worker('./worker.js')                          relative to the working directory (Node's rule)
 *   new Worker(new URL('./worker.ts', import.meta.url)) relative to the file
 *   new Worker(path.join(__dirname, 'worker.js'))       relative to the file (also path.resolve)
 *
 * A `.js` name whose file does not exist but whose `.ts` twin does means the `.ts` file (the
 * usual TypeScript layout, compiled names in the source). A path computed at run time in any
 * other way is not seen; `new Worker` then says which files it knows.
 */
import fs from 'node:fs';
import path from 'node:path';

const CODE_FILE = /\.[cm]?[jt]sx?$/;
const QUOTED = String.raw`(['"\`])([^'"\`$]+)\1`;
const LITERAL = new RegExp(String.raw`new\s+Worker\s*\(\s*` + QUOTED, 'g');
const URL_RELATIVE = new RegExp(String.raw`new\s+URL\s*\(\s*` + QUOTED + String.raw`\s*,\s*import\.meta\.url\s*\)`, 'g');
const DIRNAME_RELATIVE = new RegExp(String.raw`path\.(?:join|resolve)\s*\(\s*__dirname\s*,\s*` + QUOTED + String.raw`\s*\)`, 'g');

/** The code file `requested` names: itself, or its `.ts` twin for a `.js` name. */
export function workerFileFor(requested: string): string | undefined {
  const candidates = [requested];
  const js = /\.([cm]?)jsx?$/.exec(requested);
  if (js) candidates.push(requested.slice(0, js.index) + `.${js[1]}ts${requested.endsWith('x') ? 'x' : ''}`);
  return candidates.find((f) => CODE_FILE.test(f) && isFile(f));
}

/** Absolute paths of the code files `text` (the source of `file`) may start Workers on. */
export function workerEntriesIn(text: string, file: string, cwd: string): string[] {
  const dir = path.dirname(file);
  const found = new Set<string>();
  const add = (requested: string) => {
    const real = workerFileFor(requested);
    if (real !== undefined) found.add(real);
  };
  for (const m of text.matchAll(LITERAL)) {
    add(path.resolve(cwd, m[2]));
    add(path.resolve(dir, m[2]));
  }
  for (const m of text.matchAll(URL_RELATIVE)) add(path.resolve(dir, m[2]));
  for (const m of text.matchAll(DIRNAME_RELATIVE)) add(path.resolve(dir, m[2]));
  return [...found];
}

function isFile(f: string): boolean {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}
