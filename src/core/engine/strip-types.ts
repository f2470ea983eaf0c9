/**
 * Node 22.18+, 24 and 26 run a `.ts`/`.mts`/`.cts` file by stripping its types (amaro, a wasm
 * build of swc), and refuse, before the file runs, TypeScript that needs a compiler: enums,
 * namespaces with values, parameter properties, `import x = require()`, `export =`, `<T>x`
 * assertions — `SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX]`. The simulator compiles
 * TypeScript (esbuild), so without this check it would run such a file where that Node exits 1.
 *
 * The verdict and the words are amaro's own: the npm package `amaro` at the version Node 24 and 26
 * ship (byte-identical to their `internal/deps/amaro`; Node 22.23 ships 1.1.8, whose messages for
 * these cases are the same). amaro is 3.8 MB and takes ~130 ms to load, so a cheap walk of the
 * TypeScript AST first looks for the constructs it can refuse, and amaro is loaded only then.
 *
 * `compile` mode (`--typescript compile`, setting `asyncTimeline.typescript`) skips the check:
 * the file runs as tsc or tsx would run it (a project that compiles its TypeScript).
 */
import { pathToFileURL } from 'node:url';
import ts from '../instrument/typescript';
import { isCompilerOnlySyntax } from '../instrument/syntax-facts';
import { processFacts } from '../versions/process-facts';
import type { NodeMajor } from '../versions/targets';

/** How a `.ts` file is made JavaScript: as `node file.ts` does on the target (strip-only, 22+), or by a compiler. */
export type TypeScriptMode = 'node' | 'compile';

export interface StripOnlyError {
  /** amaro's message, e.g. "TypeScript enum is not supported in strip-only mode". */
  message: string;
  code: 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX' | 'ERR_INVALID_TYPESCRIPT_SYNTAX';
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Everything Node prints on stderr for it. */
  stderr: string;
}

interface AmaroError { code?: string; message?: string; snippet?: string; filename?: string; startLine?: number; startColumn?: number }
type AmaroTransform = (source: string, options: { mode: 'strip-only'; filename: string }) => { code: string };

let amaro: AmaroTransform | undefined;
function amaroTransform(): AmaroTransform {
  // Loaded on first need (3.8 MB): esbuild leaves `amaro` external (scripts/build.mjs), it ships in the .vsix.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: most runs never load it
  amaro ??= (require('amaro') as { transformSync: AmaroTransform }).transformSync;
  return amaro;
}

/**
 * The text Node runs of a file it strips: amaro's strip-only output, every type replaced by
 * blanks, so each position is the file's own (Function.prototype.toString shows this text).
 */
export function strippedText(text: string, file: string): string {
  return amaroTransform()(text, { mode: 'strip-only', filename: file }).code;
}

/** Whether Node of this line strips this file's types when it loads it. */
export function strippedByNode(file: string, nodeMajor: NodeMajor | undefined, mode: TypeScriptMode | undefined): boolean {
  if (mode === 'compile' || (nodeMajor ?? 20) < 22) return false;
  // Node refuses to strip under node_modules (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING): packages ship JavaScript.
  if (/[\\/]node_modules[\\/]/.test(file)) return false;
  return /\.[cm]?ts$/.test(file);
}

/**
 * Which of Node's loaders strips the file, which changes how the error is printed: the CommonJS
 * loader (a `.ts`/`.cts` entry — also one with import syntax, detected after stripping — or a
 * required file) or the ES module loader (an `.mts` entry, a file an ES module imports).
 */
export type StripLoader = 'cjs' | 'esm-entry' | 'esm-import';

/**
 * Node's refusal of this file's TypeScript, or undefined when Node strips it (then the compiled
 * run is the same program). `compilerOnlySyntax`: the instrumenter's verdict from its own parse
 * (`InstrumentResult.compilerOnlySyntax`), when there is one; else the file is parsed here.
 */
export function stripOnlyError(text: string, file: string, nodeMajor: NodeMajor, loader: StripLoader, compilerOnlySyntax?: boolean): StripOnlyError | undefined {
  try {
    if (!(compilerOnlySyntax ?? mayNeedCompiler(text, file))) return undefined;
  } catch {
    return undefined; // the check must never be why a file does not run: the instrumenter reports real syntax errors
  }
  // The CommonJS loader of Node 22 names the file by its path, of 24+ by its URL; the ES module
  // loader names its entry by URL and what it imports by path.
  const filename = loader === 'esm-import' || (loader === 'cjs' && nodeMajor === 22) ? file : pathToFileURL(file).href;
  const major = nodeMajor as 22 | 24 | 26;
  try {
    amaroTransform()(text, { mode: 'strip-only', filename });
    return undefined;
  } catch (e) {
    const err = e as AmaroError;
    const code = err?.code === 'UnsupportedSyntax' ? 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX' : err?.code === 'InvalidSyntax' ? 'ERR_INVALID_TYPESCRIPT_SYNTAX' : undefined;
    // Anything else is amaro failing, not the file: the compiled run stands.
    if (!code || typeof err.message !== 'string') return undefined;
    const line = err.startLine ?? 1;
    const frames = NODE_FRAMES[major].map((f) => `    at ${f}`);
    frames[frames.length - 1] += ' {';
    // The ES module loader's error is rethrown from run_main, whose line Node prints first.
    const header = loader === 'cjs' ? '' : `node:internal/modules/run_main:${RUN_MAIN_LINE[major]}\n    triggerUncaughtException(\n    ^\n\n`;
    const stderr = `${header}${err.filename ?? filename}:${line}\n${err.snippet ?? ''}\nSyntaxError [${code}]: ${err.message}\n${frames.join('\n')}\n  code: '${code}'\n}\n\nNode.js v${processFacts(nodeMajor).versions.node}\n`;
    return { message: err.message, code, line, column: (err.startColumn ?? 0) + 1, stderr };
  }
}

/**
 * The constructs amaro can refuse (syntax-facts.ts `isCompilerOnlySyntax`), found on the
 * TypeScript AST (cheap: most files have none, and then amaro is never loaded). The bundler
 * passes the instrumenter's verdict instead; this parse is for a caller without one.
 */
function mayNeedCompiler(text: string, file: string): boolean {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (isCompilerOnlySyntax(node)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Where run_main rethrows a loader error, per line (the first line Node prints for it). */
const RUN_MAIN_LINE: Record<22 | 24 | 26, number> = { 22: 123, 24: 107, 26: 111 };

/** The frames Node prints under the error (a CommonJS entry's load), per line; fidelity compares without them, a reader sees Node's. */
const NODE_FRAMES: Record<22 | 24 | 26, string[]> = {
  22: [
    'parseTypeScript (node:internal/modules/typescript:63:40)',
    'processTypeScriptCode (node:internal/modules/typescript:133:42)',
    'stripTypeScriptModuleTypes (node:internal/modules/typescript:163:10)',
    'Module._compile (node:internal/modules/cjs/loader:1733:15)',
    'Object..js (node:internal/modules/cjs/loader:1913:10)',
    'Module.load (node:internal/modules/cjs/loader:1505:32)',
    'Function._load (node:internal/modules/cjs/loader:1309:12)',
    'wrapModuleLoad (node:internal/modules/cjs/loader:254:19)',
    'Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:171:5)',
    'node:internal/main/run_main_module:36:49',
  ],
  24: [
    'parseTypeScript (node:internal/modules/typescript:68:40)',
    'processTypeScriptCode (node:internal/modules/typescript:146:42)',
    'stripTypeScriptModuleTypes (node:internal/modules/typescript:215:22)',
    'Module._compile (node:internal/modules/cjs/loader:1883:15)',
    'Object..js (node:internal/modules/cjs/loader:2060:10)',
    'Module.load (node:internal/modules/cjs/loader:1651:32)',
    'Module._load (node:internal/modules/cjs/loader:1443:12)',
    'wrapModuleLoad (node:internal/modules/cjs/loader:261:19)',
    'Module.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:154:5)',
    'node:internal/main/run_main_module:33:47',
  ],
  26: [
    'parseTypeScript (node:internal/modules/typescript:57:40)',
    'processTypeScriptCode (node:internal/modules/typescript:129:37)',
    'Object.stripTypeScriptModuleTypes (node:internal/modules/typescript:172:22)',
    'Module._compile (node:internal/modules/cjs/loader:1922:32)',
    'Object..js (node:internal/modules/cjs/loader:2108:10)',
    'Module.load (node:internal/modules/cjs/loader:1690:32)',
    'Module._load (node:internal/modules/cjs/loader:1480:12)',
    'wrapModuleLoad (node:internal/modules/cjs/loader:261:19)',
    'Module.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:171:5)',
    'node:internal/main/run_main_module:33:47',
  ],
};
