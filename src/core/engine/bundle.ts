/**
 * Bundling: esbuild follows the entry's imports (relative TS/JS, CJS and ESM, node_modules);
 * a plugin runs the instrumenter on every loaded file in `onLoad`, so each file's sites carry
 * positions in its own original text, and esbuild chains the inline source maps into one.
 * Node built-ins stay `require(...)` calls: the sandbox's `require` maps them to the runtime's
 * simulated modules or to real Node (see worker.ts).
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { instrumentSource } from '../instrument/index';
import { TLA_GLOBAL } from '../instrument/transform';
import { IMPORT_RECORD_GLOBAL, INSTRUMENTATION_GLOBAL } from '../runtime/instrumentation-api';
import type { SourceDiagnostic } from './api';
import { detectModuleSyntax, type ModuleSyntax } from '../instrument/module-syntax';
import type { InstrumentCache } from './instrument-cache';
import { decideModuleKind, displayName, moduleKindOf, type ModuleDecision } from './paths';
import { v8EarlyError } from './syntax-check';
import { missingImportName } from './missing-import';
import { stripOnlyError, strippedByNode, type TypeScriptMode } from './strip-types';
import { workerEntriesIn } from './worker-entries';
import { compiledAlwaysStrict, type TsconfigStrictness } from './compiled-strictness';
import type { NodeMajor } from '../versions/targets';

/** The major version of the Node running the engine (its V8 checks early errors). */
const HOST_MAJOR = Number(process.versions.node.split('.')[0]);

export interface BundleInput {
  /** Absolute path of the entry file. */
  entry: string;
  /** The entry's text, when it differs from the disk. */
  source?: string;
  cwd: string;
  /** Instrumented files from earlier runs (content-keyed); absent: instrument everything. */
  cache?: InstrumentCache;
  /** The Node line imitated (the syntax the instrumenter accepts; module rules differ: docs/modules.md); absent: 20. */
  nodeMajor?: NodeMajor;
  /** How `.ts` files become JavaScript (RunOptions.typescript); absent: as Node does. */
  typescript?: TypeScriptMode;
}

/** A text that may use `await` as an identifier (a cheap filter before deciding the module kind). */
const MAY_NAME_AWAIT = /\bawait\s*(?:[=,;)\]}:.]|instanceof\b|in\b|$)|\b(?:var|let|const|function|class)\s+await\b/m;

export interface BundleOutput {
  code: string;
  /** The bundle's source map (JSON text), sources absolute. */
  map: string;
  /** Original text of every loaded file, by absolute path (for error headers). */
  sources: Map<string, string>;
  moduleKind: 'commonjs' | 'module';
  /** How the entry's module system was decided (for Node's MODULE_TYPELESS_PACKAGE_JSON warning). */
  moduleDecision: ModuleDecision;
  diagnostics: SourceDiagnostic[];
  /** Files the bundled code may start Workers on (worker-entries.ts), absolute. */
  workerEntries: string[];
}

/**
 * How the bundle holds ES modules. 'hoisted' (the default): esbuild's scope-hoisted script, the
 * modules' code in evaluation order; only the entry may have a top-level await. 'records': a
 * module other than the entry has one, so every ES module's statements become a module record
 * that runtime/modules.ts evaluates as the spec does (docs/modules.md).
 */
interface PluginState {
  records: boolean;
  /** Set in 'hoisted' mode: the place of a non-entry module's top-level await (then bundle again as records). */
  importedTla?: TlaPlace;
  /** Every module other than the entry with a top-level await, by absolute path. */
  tlaFiles: Map<string, TlaPlace>;
  /** Files made module records (absolute paths). */
  recordFiles: Set<string>;
}

interface TlaPlace {
  file: string;
  line: number;
  column: number;
  lineText: string;
}

/** Marks the resolution a plugin asks esbuild for itself (it must not come back to the same hook). */
const PROBE = Symbol('probe');

function instrumentPlugin(input: BundleInput, sources: Map<string, string>, entryKind: () => ModuleDecision, state: PluginState, setEntrySyntax: (syntax: ModuleSyntax) => void): esbuild.Plugin {
  return {
    name: 'async-timeline-instrument',
    setup(build) {
      const strictness: TsconfigStrictness = new Map();
      // Unsaved editor text may have no file on disk (an untitled editor): resolve the entry as is.
      build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'entry-point' && input.source !== undefined ? { path: input.entry } : undefined));
      // An `import()` of a module that does not exist fails when it runs, as in Node, not the build (missing-import.ts).
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === PROBE) return undefined;
        if (args.path.startsWith('node:') || builtinModules.includes(args.path) || args.path === 'async-timeline/sim') return undefined;
        const probe = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: PROBE });
        if (probe.errors.length > 0) return { path: missingImportName(args.path, args.importer), external: true };
        return { path: probe.path, external: probe.external, namespace: probe.namespace, sideEffects: probe.sideEffects, suffix: probe.suffix, pluginData: probe.pluginData };
      });
      build.onLoad({ filter: /.*/ }, async (args) => {
        const isEntry = args.path === input.entry;
        if (!isEntry && !/\.[cm]?[jt]sx?$/.test(args.path)) return undefined; // JSON, text…: esbuild's own loaders
        const text = isEntry && input.source !== undefined ? input.source : await fs.promises.readFile(args.path, 'utf8');
        sources.set(args.path, text);
        let syntax: ModuleSyntax | undefined;
        const kind = (): 'commonjs' | 'module' => moduleKindOf(args.path, input.nodeMajor, (syntax ??= detectModuleSyntax(text, args.path)));
        // The program's own JavaScript: V8's early errors first (syntax-check.ts).
        let v8Checked = false;
        if (/\.[cm]?js$/.test(args.path) && !args.path.includes(`${path.sep}node_modules${path.sep}`)) {
          const early = v8EarlyError(text, args.path, kind() === 'module');
          v8Checked = early === undefined;
          // A target newer than the host V8 (CLI on Node 20, `--node 24`) has syntax the host lacks
          // (`using`): the instrumenter's own passes judge such files.
          const hostLacksSyntax = early !== undefined && (input.nodeMajor ?? 20) > HOST_MAJOR && /\busing\b/.test(text.split(/\r?\n/)[early.line - 1] ?? '');
          if (early && !hostLacksSyntax) {
            return { errors: [{ text: early.message, location: { file: args.path, line: early.line, column: early.column - 1, lineText: text.split(/\r?\n/)[early.line - 1] ?? '' } }] };
          }
        }
        // A CommonJS entry stays a script: its require()s and import()s reach the records (runtime/modules.ts).
        const asRecord = state.records && (isEntry ? entryKind().kind === 'module' : /\.m[jt]s$/.test(args.path) || detectModuleSyntax(text, args.path).module);
        if (asRecord) state.recordFiles.add(args.path);
        // `await` as a name (await-identifier.ts) needs to know the file is a script; parse for that only if it may use one.
        const script = !asRecord && (syntax !== undefined || MAY_NAME_AWAIT.test(text)) && kind() === 'commonjs';
        // TypeScript the simulator compiles (not Node's stripping) is as strict as tsc makes it.
        const compiled = /\.[cm]?tsx?$/.test(args.path) && !strippedByNode(args.path, input.nodeMajor ?? 20, input.typescript);
        const alwaysStrict = compiled && !asRecord && compiledAlwaysStrict(args.path, strictness);
        // Printed by splicing (instrument/splice-printer.ts): a TypeScript file keeps its types,
        // which esbuild's TS loader (below) strips.
        const options = { fileName: args.path, displayName: displayName(args.path, input.cwd), nodeMajor: input.nodeMajor, moduleRecord: asRecord, printer: 'splice' as const, ...(script ? { script } : {}), ...(alwaysStrict ? { alwaysStrict } : {}), ...(v8Checked ? { v8Checked } : {}) };
        const result = input.cache ? input.cache.instrument(text, options, instrumentSource) : instrumentSource(text, options);
        // The entry's module syntax, from the instrumenter's parse: entryKind() need not parse it again.
        if (isEntry && result.moduleSyntax) setEntrySyntax(result.moduleSyntax);
        // TypeScript that Node (22+) refuses to strip: its SyntaxError, before anything runs (strip-types.ts;
        // whether the file has such syntax at all comes from the instrumenter's parse).
        if (input.nodeMajor !== undefined && strippedByNode(args.path, input.nodeMajor, input.typescript)) {
          const loader = isEntry ? (/\.mts$/.test(args.path) ? 'esm-entry' : 'cjs') : entryKind().kind === 'module' ? 'esm-import' : 'cjs';
          const refused = stripOnlyError(text, args.path, input.nodeMajor, loader, result.compilerOnlySyntax);
          if (refused) {
            const hint = `Node ${input.nodeMajor} runs a .ts file by stripping its types; this needs a TypeScript compiler. To run it as compiled TypeScript (tsc, tsx), set asyncTimeline.typescript to "compile" (CLI: --typescript compile).`;
            return {
              errors: [{
                text: `${refused.message} (${refused.code}). ${hint}`,
                location: { file: args.path, line: refused.line, column: refused.column - 1, lineText: text.split(/\r?\n/)[refused.line - 1] ?? '' },
                detail: { nodeStderr: refused.stderr },
              }],
            };
          }
        }
        // TS files keep a TS loader (their text may still have types: the splicing printer's): esbuild then treats an
        // import of a name the other file does not export as a type-only import (TypeScript
        // without a checker cannot tell `export { SomeInterface } from './types'` apart).
        const isTs = /\.[cm]?tsx?$/.test(args.path) || (isEntry && !/\.[cm]?jsx?$/.test(args.path));
        const loader: esbuild.Loader = /x$/.test(args.path) ? (isTs ? 'tsx' : 'jsx') : isTs ? 'ts' : 'js';
        if (result.diagnostics.length) {
          // Third-party code we cannot parse still runs, just without instrumentation.
          if (args.path.includes(`${path.sep}node_modules${path.sep}`)) {
            return { contents: text, loader: /\.[cm]?tsx?$/.test(args.path) ? 'ts' : loader, warnings: [{ text: 'not instrumented: ' + result.diagnostics[0].message }] };
          }
          const lines = text.split(/\r?\n/);
          return {
            errors: result.diagnostics.map((d) => ({
              text: d.message,
              location: { file: args.path, line: d.line, column: d.column - 1, lineText: lines[d.line - 1] ?? '' },
            })),
          };
        }
        if (isEntry && result.topLevelAwait && entryKind().kind === 'commonjs') {
          // Node compiles a CommonJS file as a function body: a top-level await does not parse.
          const { line, column } = result.topLevelAwait;
          return {
            errors: [{
              text: 'await is only valid in async functions and the top level bodies of modules',
              location: { file: args.path, line, column: column - 1, lineText: text.split(/\r?\n/)[line - 1] ?? '' },
            }],
          };
        }
        if (!isEntry && result.topLevelAwait) {
          const { line, column } = result.topLevelAwait;
          const place = { file: args.path, line, column, lineText: text.split(/\r?\n/)[line - 1] ?? '' };
          state.tlaFiles.set(args.path, place);
          // The hoisted bundle cannot wait for this module's evaluation: bundle again with module records.
          if (!state.records) state.importedTla ??= place;
        }
        return { contents: result.code, loader };
      });
    },
  };
}

function toDiagnostic(m: esbuild.Message, severity: 'error' | 'warning', cwd: string, sources?: Map<string, string>): SourceDiagnostic {
  const loc = m.location;
  const file = loc ? path.resolve(cwd, loc.file) : '';
  let line = loc?.line ?? 1;
  let column = (loc?.column ?? 0) + 1;
  // esbuild reports a failed import at its place in the *instrumented* text, whose lines differ
  // from the user's (the site table is prepended, the printer reformats). The specifier itself
  // is the same in both, so find it in the original text.
  const unresolved = /^Could not resolve "(.*)"/.exec(m.text)?.[1];
  const original = sources?.get(file);
  if (unresolved !== undefined && original !== undefined) {
    const at = [`'${unresolved}'`, `"${unresolved}"`, `\`${unresolved}\``].map((q) => original.indexOf(q)).filter((i) => i >= 0);
    if (at.length) {
      const offset = Math.min(...at);
      const before = original.slice(0, offset).split(/\r?\n/);
      line = before.length;
      column = before[before.length - 1].length + 1;
    }
  }
  const nodeStderr = (m.detail as { nodeStderr?: unknown } | undefined)?.nodeStderr;
  return { file, line, column, message: m.text, severity, ...(typeof nodeStderr === 'string' && { nodeStderr }) };
}

/** Starts esbuild's service (a child process, kept for the worker's life) before the first bundle needs it. */
export async function warmBundler(): Promise<void> {
  await esbuild.transform('', { loader: 'js' });
}

export async function bundle(input: BundleInput): Promise<BundleOutput> {
  const first = await bundleOnce(input, false);
  if (first.importedTla === undefined || first.output.diagnostics.some((d) => d.severity === 'error')) return first.output;
  const second = await bundleOnce(input, true);
  if (second.requiredTla !== undefined) {
    // require() of an ES module graph with a top-level await is Node's ERR_REQUIRE_ASYNC_MODULE;
    // an import() of it, from CommonJS too, runs (the records bundle above).
    const { file, line, column } = second.requiredTla;
    return {
      ...second.output,
      code: '',
      diagnostics: [{ file, line, column, severity: 'error', message: 'top-level await in a module the program require()s: Node refuses to require() it (ERR_REQUIRE_ASYNC_MODULE); import() it instead, or move the awaits into an async function the module exports' }],
    };
  }
  return second.output;
}

async function bundleOnce(input: BundleInput, records: boolean): Promise<{ output: BundleOutput; importedTla?: TlaPlace; requiredTla?: TlaPlace }> {
  const state: PluginState = { records, recordFiles: new Set(), tlaFiles: new Map() };
  const sources = new Map<string, string>();
  let decision: ModuleDecision | undefined;
  let entrySyntax: ModuleSyntax | undefined;
  /** Decided on the entry's text, once it is loaded (syntax detection needs it). */
  const entryKind = (): ModuleDecision => {
    if (decision === undefined) {
      let text = input.source ?? sources.get(input.entry);
      if (text === undefined) {
        try {
          text = fs.readFileSync(input.entry, 'utf8');
        } catch {
          text = '';
        }
      }
      decision = decideModuleKind(input.entry, input.nodeMajor, entrySyntax ?? detectModuleSyntax(text, input.entry));
    }
    return decision;
  };
  const outfile = path.join(input.cwd, '__async-timeline-bundle.js');
  try {
    const result = await esbuild.build({
      entryPoints: [input.entry],
      absWorkingDir: input.cwd,
      bundle: true,
      write: false,
      outfile,
      format: 'cjs',
      platform: 'node',
      target: 'esnext',
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      // esbuild must not lower or rename anything the user's program could observe.
      keepNames: false,
      // Node runs every module it imports: a package's `"sideEffects": false` and `/* @__PURE__ */`
      // are hints for bundlers that tree-shake, and would drop an import Node runs (vitest's bin is
      // `import './dist/cli.js'` in a package that declares no side effects).
      ignoreAnnotations: true,
      // Node never reads tsconfig.json, and the instrumenter has already made every file plain
      // JavaScript. esbuild would otherwise apply the project's tsconfig to every file under it:
      // `"strict": true` makes sloppy `.js` (and type-stripped `.ts`) files strict (`with` refused,
      // `this` undefined in a plain call), and `paths` would resolve imports Node cannot.
      tsconfigRaw: '{}',
      // The simulated world is provided by the runtime (builtinModule), like `net` and `timers`.
      // Node's built-ins stay `require` calls for the sandbox, also those esbuild's own list
      // lacks (`readline/promises`, `stream/consumers` without `node:`).
      external: ['async-timeline/sim', 'node:*', ...builtinModules],
      // `import('node:timers/promises')` becomes a promise of `require(…)`: the sandbox's require
      // knows the simulated built-ins, a vm context has no dynamic-import hook.
      supported: { 'dynamic-import': false },
      plugins: [instrumentPlugin(input, sources, entryKind, state, (syntax) => (entrySyntax = syntax))],
      metafile: records,
    });
    let code = result.outputFiles.find((o) => o.path.endsWith('.js'))!.text;
    if (records && result.metafile) code = importsOfRecords(code) + moduleEvaluation(input, state, result.metafile);
    const mapText = result.outputFiles.find((o) => o.path.endsWith('.map'))?.text ?? '{"version":3,"sources":[],"mappings":""}';
    const map = JSON.parse(mapText) as { sources: string[] };
    map.sources = map.sources.map((s) => path.resolve(path.dirname(outfile), s));
    const diagnostics = result.warnings.filter((w) => w.text.startsWith('not instrumented')).map((w) => toDiagnostic(w, 'warning', input.cwd));
    const workerEntries = new Set<string>();
    for (const [file, text] of sources) {
      if (!file.includes(`${path.sep}node_modules${path.sep}`)) for (const w of workerEntriesIn(text, file, input.cwd)) workerEntries.add(w);
    }
    const moduleDecision = entryKind();
    const requiredTla = records && result.metafile ? requiredTopLevelAwait(input, state, result.metafile) : undefined;
    return { output: { code, map: JSON.stringify(map), sources, moduleKind: moduleDecision.kind, moduleDecision, diagnostics, workerEntries: [...workerEntries] }, importedTla: state.importedTla, ...(requiredTla && { requiredTla }) };
  } catch (e) {
    const failure = e as esbuild.BuildFailure;
    if (!Array.isArray(failure.errors)) throw e;
    const moduleDecision = entryKind();
    return { output: { code: '', map: '', sources, moduleKind: moduleDecision.kind, moduleDecision, diagnostics: failure.errors.map((m) => toDiagnostic(m, 'error', input.cwd, sources)), workerEntries: [] } };
  }
}

/**
 * esbuild turns `import('./x.mjs')` of an ES module into `Promise.resolve().then(() => (init_x(), x_exports))`;
 * in a bundle of module records `init_x()` only registers x's record, so the import goes through
 * the runtime, which evaluates it (top-level await included) before settling. The replacement
 * has the same length: columns and the source map stay right.
 */
function importsOfRecords(code: string): string {
  return code.replace(/Promise\.resolve\(\)\.then\(\(\) => \((init_[\w$]+)\(\), ([\w$]+)\)\)/g, (match, init: string, namespace: string) => {
    const replaced = `${IMPORT_RECORD_GLOBAL}(() => (${init}(), ${namespace}))`;
    return replaced.length === match.length ? replaced : match;
  });
}

/**
 * A top-level await that a `require()` reaches: the await of a module required, or of one it
 * imports statically, however deep. Such a graph cannot be evaluated synchronously.
 */
function requiredTopLevelAwait(input: BundleInput, state: PluginState, metafile: esbuild.Metafile): TlaPlace | undefined {
  const imports = new Map<string, esbuild.Metafile['inputs'][string]['imports']>();
  for (const [rel, info] of Object.entries(metafile.inputs)) imports.set(path.resolve(input.cwd, rel), info.imports.filter((i) => !i.external));
  const seen = new Set<string>();
  const reach = (file: string): TlaPlace | undefined => {
    if (seen.has(file)) return undefined;
    seen.add(file);
    const place = state.tlaFiles.get(file);
    if (place) return place;
    for (const i of imports.get(file) ?? []) {
      const found = i.kind === 'import-statement' ? reach(path.resolve(input.cwd, i.path)) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  for (const list of imports.values()) {
    for (const i of list) {
      const found = i.kind === 'require-call' ? reach(path.resolve(input.cwd, i.path)) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The statement appended to a bundle of module records: the module graph (each record's static
 * imports, in source order, from esbuild's metafile) and the entry's evaluation, whose promise
 * becomes the main module's (runtime/loop.ts runMain).
 */
function moduleEvaluation(input: BundleInput, state: PluginState, metafile: esbuild.Metafile): string {
  const graph: Record<string, string[]> = {};
  for (const [rel, info] of Object.entries(metafile.inputs)) {
    const file = path.resolve(input.cwd, rel);
    if (!state.recordFiles.has(file)) continue;
    graph[file] = info.imports
      .filter((i) => i.kind === 'import-statement' && !i.external)
      .map((i) => path.resolve(input.cwd, i.path))
      .filter((f) => state.recordFiles.has(f));
  }
  return `\n${TLA_GLOBAL} = ${INSTRUMENTATION_GLOBAL}.evaluateModules(${JSON.stringify(input.entry)}, ${JSON.stringify(graph)});\n`;
}
