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
import { splicePrint } from './splice-printer';

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
  /**
   * How the instrumented tree is printed: 'emit' (the default: TypeScript's whole emit, plain
   * JavaScript out) or 'splice' (splice-printer.ts, several times cheaper), where the file allows
   * it. A TypeScript file's 'splice' output keeps its types, for a reader that strips them (the
   * bundler's esbuild reads TypeScript files with its TS loader). The two agree on every program
   * of the test corpus (test/unit/instrument/splice-printer.test.ts).
   */
  printer?: 'splice' | 'emit';
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
  const spliced = options.printer === 'splice' && mayPrintBySplicing(text, options) ? instrumentBySplicing(text, options, awaitPlaceholder) : undefined;
  if (spliced !== undefined) return spliced;
  try {
    return instrumentAs(ts.ModuleKind.Preserve, text, options, awaitPlaceholder);
  } catch (e) {
    if (e !== NEEDS_ESNEXT_EMIT) throw e;
    return instrumentAs(ts.ModuleKind.ESNext, text, options, awaitPlaceholder);
  }
}

function instrumentAs(module: EmitModule, text: string, options: InstrumentOptions, awaitPlaceholder?: string): InstrumentResult {
  const outputs = new PassOutputs();
  const isTypeScript = /\.[cm]?ts$/.test(options.fileName);
  const readFacts = factsPass(outputs, isTypeScript, (facts) => {
    if (facts.commonJsForms && module === ts.ModuleKind.Preserve) throw NEEDS_ESNEXT_EMIT;
  });
  const siteRowsPlaceholder = siteRowsPlaceholderFor(text);
  const out = ts.transpileModule(text, {
    // TypeScript treats .cjs/.cts as CommonJS output and would prepend "use strict"; parse them
    // as plain .js/.ts (the syntax is the same) so a sloppy script stays sloppy.
    fileName: options.fileName.replace(/\.c([jt])s$/, '.$1s'),
    compilerOptions: { ...compilerOptions, module, allowJs: true, sourceMap: options.sourceMap !== false, ...(options.alwaysStrict && { alwaysStrict: true }) },
    reportDiagnostics: true,
    transformers: {
      after: module === ts.ModuleKind.Preserve ? [emptyExportAsESNext] : [],
      before: [readFacts, ...instrumentingPasses(options, awaitPlaceholder, siteRowsPlaceholder, outputs)],
    },
  });
  const diagnostics = reportedDiagnostics(out.diagnostics ?? [], options, text, outputs.usingDiagnostics);
  const { sites } = outputs;
  let code = out.outputText.replace(/\/\/# sourceMappingURL=.*\s*$/, '');
  const map = out.sourceMapText ? (JSON.parse(out.sourceMapText) as { sources: string[]; file?: string; mappings: string }) : undefined;
  if (siteRowsPlaceholder !== undefined && sites.length > 0) {
    const spliced = spliceSiteRows(code, map?.mappings, sites, siteRowsPlaceholder);
    code = spliced.code;
    if (map) map.mappings = spliced.mappings!;
  }
  if (map) code = withInlineMap(code, map.mappings, options.fileName);
  return result(code, outputs, diagnostics, isTypeScript);
}

/** What the passes report while they run (the same for both ways of printing). */
class PassOutputs {
  sites: SiteRow[] = [];
  topLevelAwait: InstrumentResult['topLevelAwait'];
  readonly usingDiagnostics: UsingDiagnostic[] = [];
  facts: SyntaxFacts | undefined;
}

/**
 * The first pass: reads the parsed file before anything changes it, in one walk
 * (syntax-facts.ts): the engine needs its module syntax too, the passes after it what they have
 * to do. `check` may throw to have the file emitted another way.
 */
function factsPass(outputs: PassOutputs, compilerOnly: boolean, check: (facts: SyntaxFacts) => void): ts.TransformerFactory<ts.SourceFile> {
  return () => (sf) => {
    outputs.facts = readSyntaxFacts(sf, { constAssign: mayAssignConst(sf.text), compilerOnly });
    check(outputs.facts);
    return sf;
  };
}

/** The site rows' placeholder; none for a text that names it itself (only this file could): TypeScript then prints the rows. */
function siteRowsPlaceholderFor(text: string): string | undefined {
  return text.includes(SITE_ROWS_PLACEHOLDER) ? undefined : SITE_ROWS_PLACEHOLDER;
}

/** The passes after the facts, in order (the same for both ways of printing). */
function instrumentingPasses(options: InstrumentOptions, awaitPlaceholder: string | undefined, siteRowsPlaceholder: string | undefined, outputs: PassOutputs): ts.TransformerFactory<ts.SourceFile>[] {
  return [
    directEvalTransformer(options.nodeMajor),
    awaitIdentifierTransformer(options.script === true, awaitPlaceholder),
    constAssignTransformer(() => outputs.facts?.mayAssignConstant !== false),
    usingTransformer({ nodeMajor: options.nodeMajor, isModule: /\.m[jt]s$/.test(options.fileName), fileName: options.fileName, onDiagnostic: (d) => outputs.usingDiagnostics.push(d) }),
    instrumentTransformer(
      { displayName: options.displayName ?? options.fileName, realPath: options.fileName, loopProbes: options.loopProbes, moduleRecord: options.moduleRecord, siteRowsPlaceholder },
      (rows) => (outputs.sites = rows),
      (line, column) => (outputs.topLevelAwait = { line, column }),
    ),
  ];
}

/** The errors among TypeScript's diagnostics (and the `using` pass's first), 1-based. */
function reportedDiagnostics(found: readonly ts.Diagnostic[], options: InstrumentOptions, text: string, usingDiagnostics: UsingDiagnostic[]): InstrumentDiagnostic[] {
  const diagnostics = found
    .filter((d) => d.category === ts.DiagnosticCategory.Error && d.file && !(options.v8Checked && LEGACY_OCTAL_CODES.has(d.code)))
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
  if (usingDiagnostics.length > 0) {
    const lines = text.slice(0, usingDiagnostics[0].pos).split(/\r?\n/);
    diagnostics.push({ line: lines.length, column: lines[lines.length - 1].length + 1, message: usingDiagnostics[0].message });
  }
  return diagnostics;
}

/** `code` with its source map inlined, the source named by its real path (stack traces and the bundle's map point at it). */
function withInlineMap(code: string, mappings: string, fileName: string): string {
  const map = { version: 3, sources: [fileName], names: [], mappings };
  return `${code}\n//# sourceMappingURL=data:application/json;base64,${base64(JSON.stringify(map))}\n`;
}

function result(code: string, outputs: PassOutputs, diagnostics: InstrumentDiagnostic[], isTypeScript: boolean): InstrumentResult {
  const { sites, topLevelAwait, facts } = outputs;
  return {
    code,
    sites,
    diagnostics,
    ...(topLevelAwait ? { topLevelAwait } : {}),
    ...(facts ? { moduleSyntax: facts.moduleSyntax } : {}),
    ...(facts && isTypeScript ? { compilerOnlySyntax: facts.compilerOnlySyntax } : {}),
  };
}

/**
 * Files the splicing printer takes (splice-printer.ts): TypeScript, and JavaScript V8 has parsed
 * (so the parser's own errors are all there are: TypeScript reports more for a JavaScript file,
 * its TypeScript-only syntax, which V8 has refused already); not JSX with a pragma comment.
 */
function mayPrintBySplicing(text: string, options: InstrumentOptions): boolean {
  // A JSX pragma comment (`/** @jsx h */`) is read by esbuild and would not be copied (a leading comment).
  if (/x$/.test(options.fileName) && text.includes('@jsx')) return false;
  return /\.[cm]?tsx?$/.test(options.fileName) || (options.v8Checked === true && /\.[cm]?jsx?$/.test(options.fileName));
}

/** Thrown from the facts pass of the splicing way: this file needs TypeScript's whole emit. */
const NEEDS_WHOLE_EMIT = Symbol('needs the whole emit');

/**
 * The same passes as `instrumentAs` on the same parse, printed by splicing (splice-printer.ts)
 * instead of through TypeScript's emit. Undefined when the file needs TypeScript's emit: its
 * TypeScript is more than types to erase, or it has TypeScript's CommonJS forms or decorators.
 */
function instrumentBySplicing(text: string, options: InstrumentOptions, awaitPlaceholder?: string): InstrumentResult | undefined {
  // As instrumentAs: .cjs/.cts parse as .js/.ts (no "use strict" of TypeScript's for CommonJS).
  const fileName = options.fileName.replace(/\.c([jt])s$/, '.$1s');
  const parseOptions = { ...compilerOptions, module: ts.ModuleKind.Preserve, allowJs: true };
  const sf = ts.createSourceFile(fileName, text, {
    languageVersion: ts.ScriptTarget.ESNext,
    impliedNodeFormat: ts.getImpliedNodeFormatForFile(fileName as ts.Path, undefined, ts.sys, parseOptions),
    setExternalModuleIndicator: (ts as unknown as { getSetExternalModuleIndicator(o: ts.CompilerOptions): (file: ts.SourceFile) => void }).getSetExternalModuleIndicator(parseOptions),
    // No JSDoc: nothing here reads it (the emit parses it for nothing, too).
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
  });
  const parseDiagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  const emitOptions = { ...parseOptions, ...(options.alwaysStrict && { alwaysStrict: true }) };
  // The passes read parent pointers, and the const-assignment pass resolves names through the
  // binder's scopes (const-assign.ts), which TypeScript's emit gets from its program: bind when
  // that pass may have work (the binder sets the parents too), else only set the parents.
  const internals = ts as unknown as { bindSourceFile(file: ts.SourceFile, options: ts.CompilerOptions): void; setParentRecursive(node: ts.Node, incremental: boolean): void };
  if (mayAssignConst(text)) internals.bindSourceFile(sf, emitOptions);
  else internals.setParentRecursive(sf, false);
  const outputs = new PassOutputs();
  // .tsx too: an enum there needs TypeScript's emit as much as in a .ts file.
  const readFacts = factsPass(outputs, /\.[cm]?tsx?$/.test(options.fileName), (facts) => {
    if (facts.commonJsForms || facts.decorators || facts.compilerOnlySyntax) throw NEEDS_WHOLE_EMIT;
  });
  const siteRowsPlaceholder = siteRowsPlaceholderFor(text);
  let transformation: ts.TransformationResult<ts.SourceFile>;
  try {
    transformation = ts.transform(sf, [readFacts, ...instrumentingPasses(options, awaitPlaceholder, siteRowsPlaceholder, outputs), emptyExportAsESNext], emitOptions);
  } catch (e) {
    if (e === NEEDS_WHOLE_EMIT) return undefined;
    throw e;
  }
  const diagnostics = reportedDiagnostics(parseDiagnostics, options, text, outputs.usingDiagnostics);
  const { sites } = outputs;
  let transformed = transformation.transformed[0];
  // TypeScript's emit of a compiled script under a strict tsconfig starts with "use strict" (the
  // `ts` transform's ensureUseStrict); a module is strict already.
  if (options.alwaysStrict && !ts.isExternalModule(transformed)) {
    const factory = ts.factory as ts.NodeFactory & { ensureUseStrict(statements: ts.NodeArray<ts.Statement>): ts.NodeArray<ts.Statement> };
    transformed = factory.updateSourceFile(transformed, factory.ensureUseStrict(transformed.statements));
  }
  const replacements = siteRowsPlaceholder !== undefined && sites.length > 0 ? new Map([[siteRowsPlaceholder, JSON.stringify(sites)]]) : undefined;
  const printed = splicePrint(transformed, sf, { sourceMap: options.sourceMap !== false, ...(replacements && { replacements }) });
  transformation.dispose();
  const code = printed.mappings !== undefined ? withInlineMap(printed.code, printed.mappings, options.fileName) : printed.code;
  return result(code, outputs, diagnostics, /\.[cm]?ts$/.test(options.fileName));
}

export { instrumentTransformer } from './transform';
export type { TransformOptions } from './transform';
