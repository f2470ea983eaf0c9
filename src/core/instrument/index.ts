/**
 * Instrument one source file: TypeScript/JavaScript text in, plain JavaScript out (types
 * stripped, async constructs rewritten, a source map back to the original text inlined so the
 * bundler can chain it). Pure: no file system, no `vscode`.
 */
import ts from './typescript';
import type { SiteRow } from '../runtime/instrumentation-api';
import { instrumentTransformer } from './transform';
import { usingTransformer, type UsingDiagnostic } from './using';
import { directEvalTransformer } from './direct-eval';
import { constAssignTransformer, mayAssignConst } from './const-assign';
import { awaitIdentifierTransformer, repairAwaitMisparse } from './await-identifier';
import { repairInInForHead, repairLetAsi } from './parse-repairs';
import type { NodeMajor } from '../versions/targets';
import type { ModuleSyntax } from './module-syntax';
import { spliceSiteRows } from './site-rows';
import { readSyntaxFacts, type SyntaxFacts } from './syntax-facts';
import { emptyExportAsESNext, type EmitModule } from './emit-module';

export interface InstrumentOptions {
  /** Real path of the file: decides TS vs JS parsing (`.ts`, `.tsx`, `.mts`, `.cts`, `.js`, …). */
  fileName: string;
  /** The name recorded in the site table (what the user sees: workspace-relative or absolute). */
  displayName?: string;
  /** `$.loop` probes at loop back-edges (default true). */
  loopProbes?: boolean;
  /** Inline a source map comment (default true). */
  sourceMap?: boolean;
  /** The Node line imitated: decides the syntax accepted (`using` on 24+); absent: 20. */
  nodeMajor?: NodeMajor;
  /** Make the file an ES module record (transform.ts TransformOptions.moduleRecord). */
  moduleRecord?: boolean;
  /** The file runs as a script (CommonJS), where `await` outside async functions is an identifier (await-identifier.ts). */
  script?: boolean;
  /**
   * Compiled TypeScript whose tsconfig makes it strict (engine/compiled-strictness.ts): a script
   * gets the `"use strict"` prologue tsc emits. Never set for JavaScript or type-stripped files:
   * Node runs those as written.
   */
  alwaysStrict?: boolean;
  /**
   * V8 has already parsed this JavaScript without an early error (engine/syntax-check.ts), so it
   * is sloppy wherever it uses legacy octal (`010`, `08`, `"\101"`): TypeScript refuses those in
   * every file, V8 only in strict code, and V8 is the judge.
   */
  v8Checked?: boolean;
}

/** TypeScript's grammar errors for legacy octal literals and escapes, which sloppy JavaScript allows. */
const LEGACY_OCTAL_CODES = new Set([1121, 1487, 1489]);

export interface InstrumentDiagnostic {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export interface InstrumentResult {
  code: string;
  sites: SiteRow[];
  /** Syntax errors; when non-empty, `code` must not be run. */
  diagnostics: InstrumentDiagnostic[];
  /** 1-based place of the file's first top-level await (an ES module evaluated asynchronously). */
  topLevelAwait?: { line: number; column: number };
  /** Node's module syntax detection on this text (module-syntax.ts), from the instrumenter's own parse. */
  moduleSyntax?: ModuleSyntax;
  /**
   * A TypeScript file (by its name) with syntax Node's type stripping may refuse
   * (syntax-facts.ts `isCompilerOnlySyntax`), from the instrumenter's own parse: the engine's
   * strip check (engine/strip-types.ts) need not parse the file again.
   */
  compilerOnlySyntax?: boolean;
}

const compilerOptions: ts.CompilerOptions = {
  // Emit modern JS: only our transformer lowers anything, so user semantics stay (class
  // fields with define semantics, private names, …). Modules are left to the bundler.
  target: ts.ScriptTarget.ESNext,
  // `module`: ES module syntax stays as written, ESNext's output through Preserve (emit-module.ts).
  // Never add "use strict" to a sloppy script: that would change its meaning.
  alwaysStrict: false,
  strict: false,
  ignoreDeprecations: '6.0',
  jsx: ts.JsxEmit.Preserve,
  verbatimModuleSyntax: false,
  sourceMap: true,
  // No `inlineSources`: the bundler chains this map and keeps no sources content (the engine
  // holds every original text itself), so copying the file into the map would only cost time.
};

/** Stands for the site rows in the printed text until they are spliced in (site-rows.ts). */
const SITE_ROWS_PLACEHOLDER = '__asyncTimeline$siteRows';

/** UTF-8 base64: Node's Buffer when there is one (fast), else by hand (a browser worker). */
function base64(text: string): string {
  const NodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: string): { toString(encoding: string): string } } }).Buffer;
  if (NodeBuffer) return NodeBuffer.from(text, 'utf8').toString('base64');
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Thrown from the facts transformer: this file must be emitted with `module: ESNext` (emit-module.ts). */
const NEEDS_ESNEXT_EMIT = Symbol('needs an ESNext emit');

export function instrumentSource(text: string, options: InstrumentOptions): InstrumentResult {
  // Valid JavaScript that TypeScript's parser misreads: repaired texts of the same length and
  // lines (parse-repairs.ts, await-identifier.ts), each used only if it parses clean.
  // The `let` repair first: TypeScript reports nothing there (esbuild would, later).
  const base = (options.script ? repairLetAsi(text) : undefined) ?? text;
  const result = instrumentText(base, options);
  if (result.diagnostics.length === 0) return result;
  let repaired = repairInInForHead(base, options.fileName) ?? base;
  const awaitRepair = options.script ? repairAwaitMisparse(repaired, options.fileName) : undefined;
  if (awaitRepair) repaired = awaitRepair.text;
  if (repaired !== base) {
    const retried = instrumentText(repaired, options, awaitRepair?.placeholder);
    if (retried.diagnostics.length === 0) return retried;
  }
  // The user's own text's errors, not a repair's.
  return base === text ? result : instrumentText(text, options);
}

function instrumentText(text: string, options: InstrumentOptions, awaitPlaceholder?: string): InstrumentResult {
  try {
    return instrumentAs(ts.ModuleKind.Preserve, text, options, awaitPlaceholder);
  } catch (e) {
    if (e !== NEEDS_ESNEXT_EMIT) throw e;
    return instrumentAs(ts.ModuleKind.ESNext, text, options, awaitPlaceholder);
  }
}

function instrumentAs(module: EmitModule, text: string, options: InstrumentOptions, awaitPlaceholder?: string): InstrumentResult {
  let sites: SiteRow[] = [];
  let topLevelAwait: InstrumentResult['topLevelAwait'];
  const usingDiagnostics: UsingDiagnostic[] = [];
  let facts: SyntaxFacts | undefined;
  const isTypeScript = /\.[cm]?ts$/.test(options.fileName);
  // Reads the parsed file before anything changes it, in one walk (syntax-facts.ts): the engine
  // needs its module syntax too, the passes below what they have to do.
  const readFacts: ts.TransformerFactory<ts.SourceFile> = () => (sf) => {
    facts = readSyntaxFacts(sf, { constAssign: mayAssignConst(sf.text), compilerOnly: isTypeScript });
    if (facts.commonJsForms && module === ts.ModuleKind.Preserve) throw NEEDS_ESNEXT_EMIT;
    return sf;
  };
  // A text that names the placeholder itself (only this file could) gets its rows printed by TypeScript.
  const siteRowsPlaceholder = text.includes(SITE_ROWS_PLACEHOLDER) ? undefined : SITE_ROWS_PLACEHOLDER;
  const out = ts.transpileModule(text, {
    // TypeScript treats .cjs/.cts as CommonJS output and would prepend "use strict"; parse them
    // as plain .js/.ts (the syntax is the same) so a sloppy script stays sloppy.
    fileName: options.fileName.replace(/\.c([jt])s$/, '.$1s'),
    compilerOptions: { ...compilerOptions, module, allowJs: true, sourceMap: options.sourceMap !== false, ...(options.alwaysStrict && { alwaysStrict: true }) },
    reportDiagnostics: true,
    transformers: {
      after: module === ts.ModuleKind.Preserve ? [emptyExportAsESNext] : [],
      before: [readFacts, directEvalTransformer(options.nodeMajor), awaitIdentifierTransformer(options.script === true, awaitPlaceholder), constAssignTransformer(() => facts?.mayAssignConstant !== false), usingTransformer({ nodeMajor: options.nodeMajor, isModule: /\.m[jt]s$/.test(options.fileName), fileName: options.fileName, onDiagnostic: (d) => usingDiagnostics.push(d) }), instrumentTransformer({ displayName: options.displayName ?? options.fileName, realPath: options.fileName, loopProbes: options.loopProbes, moduleRecord: options.moduleRecord, siteRowsPlaceholder }, (rows) => (sites = rows), (line, column) => (topLevelAwait = { line, column }))],
    },
  });
  const diagnostics = (out.diagnostics ?? [])
    .filter((d) => d.category === ts.DiagnosticCategory.Error && d.file && !(options.v8Checked && LEGACY_OCTAL_CODES.has(d.code)))
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
  if (usingDiagnostics.length > 0) {
    const lines = text.slice(0, usingDiagnostics[0].pos).split(/\r?\n/);
    diagnostics.push({ line: lines.length, column: lines[lines.length - 1].length + 1, message: usingDiagnostics[0].message });
  }
  let code = out.outputText.replace(/\/\/# sourceMappingURL=.*\s*$/, '');
  const map = out.sourceMapText ? (JSON.parse(out.sourceMapText) as { sources: string[]; file?: string; mappings: string }) : undefined;
  if (siteRowsPlaceholder !== undefined && sites.length > 0) {
    const spliced = spliceSiteRows(code, map?.mappings, sites, siteRowsPlaceholder);
    code = spliced.code;
    if (map) map.mappings = spliced.mappings!;
  }
  if (map) {
    // Name the source by its real path so stack traces and the bundle's map point at it.
    map.sources = [options.fileName];
    delete map.file;
    code += `\n//# sourceMappingURL=data:application/json;base64,${base64(JSON.stringify(map))}\n`;
  }
  return {
    code,
    sites,
    diagnostics,
    ...(topLevelAwait ? { topLevelAwait } : {}),
    ...(facts ? { moduleSyntax: facts.moduleSyntax } : {}),
    ...(facts && isTypeScript ? { compilerOnlySyntax: facts.compilerOnlySyntax } : {}),
  };
}

export { instrumentTransformer } from './transform';
export type { TransformOptions } from './transform';
