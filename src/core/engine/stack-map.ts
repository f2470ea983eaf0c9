/**
 * Error locations back in the user's TS. Stacks of errors made inside the sandbox are
 * formatted by a `prepareStackTrace` installed on the sandbox's own `Error` (V8 calls the
 * realm's hook), which maps every frame of the bundle through the bundle's source map and
 * drops the frames of our machinery (the runtime, the vm, the worker), so a stack reads
 * like Node's own for the original files.
 */
import { SourceMap } from 'node:module';
import { ASYNC_JOB_FRAMES, type AsyncFrameInfo } from '../runtime/host-api';

/** The vm file name of the program's bundle; frames with this name are user code. */
export const BUNDLE_FILENAME = 'async-timeline:bundle.js';

/** The vm file name of the bundle of the n-th file a simulated Worker runs (n ≥ 1). */
export function workerBundleFilename(n: number): string {
  return `async-timeline:worker-${n}.js`;
}

/**
 * Every bundle of a run by vm file name: the program's, and one per Worker file. Shared by the
 * mappers of all the run's contexts: an error made in one realm may carry frames of another
 * bundle (a simulated thread blocked under another one's call).
 */
export class BundleMaps {
  private readonly maps = new Map<string, SourceMap | undefined>();
  /** Original text of every file of every bundle, by absolute path. */
  readonly sources = new Map<string, string>();
  /** Each bundle's generated code (where a renamed declaration is looked up). */
  private readonly codes = new Map<string, string>();
  /** Names esbuild gave, as the program wrote them (`helper2` → `helper`); null: not renamed. */
  private readonly renamed = new Map<string, string | null>();

  add(filename: string, mapJson: string, sources: Map<string, string>, code?: string): void {
    if (code !== undefined) this.codes.set(filename, code);
    let map: SourceMap | undefined;
    try {
      map = mapJson ? new SourceMap(JSON.parse(mapJson)) : undefined;
    } catch {
      map = undefined;
    }
    this.maps.set(filename, map);
    for (const [file, text] of sources) this.sources.set(file, text);
  }

  has(filename: string | null | undefined): boolean {
    return filename != null && this.maps.has(filename);
  }

  /**
   * Names a bundle renamed, given by the bundle itself (nodelib's `__name(EventEmitter4,
   * "EventEmitter")` pairs): a class or function of Node's layer keeps its name in a stack.
   */
  addRenames(pairs: () => Iterable<[string, string]>): void {
    this.pendingRenames.push(pairs);
  }

  /** Rename lists not read yet: read on the first renamed-looking name (most stacks have none). */
  private readonly pendingRenames: (() => Iterable<[string, string]>)[] = [];

  /**
   * A function or class name as the program wrote it. esbuild gives a bundle one scope of names,
   * so the second file's `helper` or `class Foo` is declared as `helper2` or `Foo2`, and a
   * top-level class that names itself in its body as `var Foo = class _Foo`; V8 names frames by
   * the declared name (`at Foo2.run`, `at _Foo.run`), whatever the `name` property says
   * (instrument/top-level-names.ts sets that). The declaration is found in the bundle's code,
   * mapped back to the user's file, and the name written there is the name, when the generated
   * one is it with digits after or an underscore before (isRenamingOf).
   */
  originalName(name: string): string {
    if (!/\d$/.test(name) && !name.startsWith('_')) return name;
    for (const pairs of this.pendingRenames.splice(0)) for (const [generated, original] of pairs()) this.renamed.set(generated, original);
    let found = this.renamed.get(name);
    if (found === undefined) {
      found = null;
      const escaped = name.replace(/\$/g, '\\$');
      const declaration = new RegExp(`(?:\\bfunction\\*?\\s+|\\bclass\\s+|\\b(?:var|let|const)\\s+)(${escaped})(?![\\w$])`);
      for (const [filename, code] of this.codes) {
        const m = declaration.exec(code);
        if (!m) continue;
        const offset = m.index + m[0].length - name.length;
        const pos = this.original(filename, ...lineAndColumn(code, offset));
        const text = pos && this.sources.get(pos.file)?.split(/\r?\n/)[pos.line - 1];
        const written = text?.slice(pos!.column - 1).match(/^[A-Za-z_$][\w$]*/)?.[0];
        if (written && written !== name && isRenamingOf(name, written)) found = written;
        break;
      }
      this.renamed.set(name, found);
    }
    return found ?? name;
  }

  /**
   * Where `text` first occurs in a bundle's code, mapped to the user's file (its first
   * character's position there). Function.prototype.toString's text of a function of the program
   * is a slice of its bundle (function-source.ts).
   */
  originalOfGenerated(text: string): OriginalPosition | undefined {
    for (const [filename, code] of this.codes) {
      const offset = code.indexOf(text);
      if (offset >= 0) return this.original(filename, ...lineAndColumn(code, offset));
    }
    return undefined;
  }

  /** A 1-based position in bundle `filename` → the original one, if mapped. */
  original(filename: string, line: number, column: number): OriginalPosition | undefined {
    const entry = this.maps.get(filename)?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!entry || entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
    const file = entry.originalSource.replace(/^file:\/\//, '');
    return { file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
  }
}

/** The 1-based line and column of `offset` in `code`. */
function lineAndColumn(code: string, offset: number): [line: number, column: number] {
  let line = 1;
  for (let i = code.indexOf('\n'); i >= 0 && i < offset; i = code.indexOf('\n', i + 1)) line++;
  return [line, offset - code.lastIndexOf('\n', offset - 1)];
}

/**
 * The innermost frame of a bundle on the current stack, in the user's file: where the program's
 * own code is right now (the analysis' sites of blocking calls and intervals). Captures the
 * structured stack through the host realm's Error (V8 lists every context's frames).
 */
export function innermostUserPosition(bundles: BundleMaps): OriginalPosition | undefined {
  const holder: { stack?: unknown } = {};
  const E = Error as ErrorConstructor & { prepareStackTrace?: unknown };
  const prepare = E.prepareStackTrace;
  const limit = E.stackTraceLimit;
  E.prepareStackTrace = (_e: unknown, frames: CallSiteLike[]) => frames;
  E.stackTraceLimit = 64;
  try {
    E.captureStackTrace(holder);
    const frames = holder.stack as CallSiteLike[] | undefined;
    for (const frame of frames ?? []) {
      const bundle = frame.getFileName();
      if (!bundles.has(bundle)) continue;
      const pos = bundles.original(bundle as string, frame.getLineNumber() ?? 0, frame.getColumnNumber() ?? 0);
      if (pos) return pos;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    E.prepareStackTrace = prepare;
    E.stackTraceLimit = limit;
  }
}

export interface OriginalPosition {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

interface CallSiteLike {
  getFileName(): string | undefined | null;
  getFunctionName(): string | null;
  getTypeName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  toString(): string;
}

export interface StackOptions {
  /**
   * Frames Node shows under the main module's top-level code (its module loader), appended
   * when a stack reaches the entry's top level, so an uncaught error there prints like Node's.
   */
  belowMain?: string[];
  /** ES module entry: Node names files by `file://` URL and the top level has no function name. */
  esm?: boolean;
  /**
   * Node's internal frames under a callback the runtime called, given the names of the
   * runtime's frames under it (its `listOnTimeout`, `processImmediate`, …); undefined for none.
   */
  callerFrames?: (names: string[]) => string[] | undefined;
  /** The sandbox's `Error.stackTraceLimit`. */
  stackLimit?: () => number;
  /** V8's `at async …` frames for an error made in the job whose numbering frames were at these lines (ASYNC_JOB_FRAMES order). */
  asyncFrames?: (jobLines: readonly number[], limit: number) => AsyncFrameInfo[];
  /** A site table's file name → the absolute path (the names source maps give). */
  siteFile?: (file: string) => string;
}

/** Whether esbuild's `generated` is a renaming of `written`: `Foo2`, `_Foo`, `_Foo2`. */
function isRenamingOf(generated: string, written: string): boolean {
  const rest = generated.startsWith(written) ? generated.slice(written.length) : generated.startsWith('_' + written) ? generated.slice(written.length + 1) : undefined;
  return rest !== undefined && /^\d*$/.test(rest) && (rest !== '' || generated !== written);
}

/**
 * The runtime's functions that start an async function's body, or an async generator's
 * parameters, in the call (`$.async`: drivers/async-function.ts runAsync; `$.asyncGenerator`:
 * runtime/instrumentation.ts): the frame under one is the instrumenter's outer function, which
 * Node does not have.
 */
const ASYNC_START_FRAMES = new Set(['runAsync', 'asyncGenerator']);

/**
 * V8's name of a frame of function `name` called with receiver `thisArg`: `Foo.run` for a method
 * call (the receiver's type name, unless the name starts with it), `Object.<anonymous>` for an
 * anonymous one, `name` or nothing at the top level (`this` undefined or a global). V8 itself
 * names it: a probe function of that name is called on the receiver and the first frame of its
 * error's stack read. The stack is being formatted already, so V8 formats the probe's with its
 * own default (no prepareStackTrace): `    at Foo.run (<probe's place>)`.
 */
function asyncFrameName(name: string, thisArg: unknown): string {
  const E = Error as ErrorConstructor;
  const limit = E.stackTraceLimit;
  try {
    E.stackTraceLimit = 1;
    const probe = function (this: unknown): string {
      return String(new E().stack).split('\n')[1] ?? '';
    };
    if (probeAt === undefined) {
      Object.defineProperty(probe, 'name', { value: '' });
      probeAt = probe.call(undefined).replace(/^ {4}at /, '');
    }
    Object.defineProperty(probe, 'name', { value: name });
    const line = probe.call(thisArg).replace(/^ {4}at /, '');
    const suffix = ` (${probeAt})`;
    return line.endsWith(suffix) ? line.slice(0, -suffix.length) : '';
  } catch {
    return name;
  } finally {
    E.stackTraceLimit = limit;
  }
}
/** Where the probe's frame is (`file:line:column`), as V8 prints an anonymous top-level frame. */
let probeAt: string | undefined;

/** `file:///a/b%20c.ts` for `/a/b c.ts`. */
function fileUrl(file: string): string {
  return 'file://' + encodeURI(file).replace(/[?#]/g, encodeURIComponent);
}

export class StackMapper {
  /** The first user frame of each error whose stack we formatted: where Node points its caret. */
  private readonly origins = new WeakMap<object, OriginalPosition & { esmTopLevel: boolean }>();

  /** `bundles`: every bundle of the run (the mapper of each context shares them). */
  constructor(
    private readonly bundles: BundleMaps,
    private readonly options: StackOptions = {},
  ) {}

  /** The hook for the sandbox's `Error.prepareStackTrace`. */
  prepareStackTrace = (error: unknown, frames: CallSiteLike[]): string => {
    let header: string;
    try {
      const e = error as { name?: unknown; message?: unknown } | null;
      const name = e && e.name !== undefined ? String(e.name) : 'Error';
      const message = e && e.message !== undefined ? String(e.message) : '';
      header = message ? `${name}: ${message}` : name;
    } catch {
      header = 'Error';
    }
    const lines: string[] = [];
    let reachedMain = false;
    /** Names of the frames (our machinery) under the last user frame. */
    let callers: string[] = [];
    /** Lines of the innermost job's numbering frames (ASYNC_JOB_FRAMES order): the job the error was made in (runtime/job-frame.ts). */
    const jobLines = ASYNC_JOB_FRAMES.map(() => 0);
    /** The name of the frame just before, when it was our machinery's. */
    let machineryBefore: string | undefined;
    for (const frame of frames) {
      try {
        const bundle = frame.getFileName();
        if (!this.bundles.has(bundle)) {
          const name = frame.getFunctionName() ?? '';
          if (lines.length) callers.push(name);
          const level = (ASYNC_JOB_FRAMES as readonly string[]).indexOf(name);
          if (level >= 0 && jobLines[level] === 0) jobLines[level] = frame.getLineNumber() ?? 0;
          machineryBefore = name;
          continue;
        }
        const underStart = machineryBefore !== undefined && ASYNC_START_FRAMES.has(machineryBefore);
        machineryBefore = undefined;
        callers = [];
        // The instrumenter's outer function of an async function, which started its body (the
        // frames above): Node has one frame for an async function, the body's.
        if (underStart && lines.length > 0) continue;
        // The bundle wrapper's own body is the entry module's top level (`Object.<anonymous>`).
        reachedMain = frame.getFunctionName() === null && frame.getTypeName() === 'Object';
        const pos = this.bundles.original(bundle as string, frame.getLineNumber() ?? 0, frame.getColumnNumber() ?? 0);
        const file = pos && this.options.esm ? fileUrl(pos.file) : pos?.file;
        const where = pos ? `${file}:${pos.line}:${pos.column}` : `${bundle}:${frame.getLineNumber()}:${frame.getColumnNumber()}`;
        if (pos && lines.length === 0 && error !== null && typeof error === 'object') this.origins.set(error, { ...pos, esmTopLevel: false });
        const text = frame.toString();
        const at = text.lastIndexOf(bundle as string);
        // toString() gives "fn (file:l:c)" or "file:l:c"; keep the function part, swap the place.
        // Node calls an immediate's callback in a way V8 cannot name; match its `Immediate.<anonymous>`.
        const named = at > 0 ? text.slice(0, at).replace(/\s*\($/, '').replace(/^Immediate\._onImmediate$/, 'Immediate.<anonymous>') : '';
        const fn = named.replace(/(?<![\w$])(?:_[A-Za-z_$][\w$]*|[A-Za-z_$][\w$]*\d)(?![\w$])/g, (name) => this.bundles.originalName(name));
        lines.push(fn && !(reachedMain && this.options.esm) ? `    at ${fn} (${where})` : `    at ${where}`);
      } catch {
        // A frame we cannot describe is left out rather than breaking the error.
      }
    }
    // No user frame at all (an error of our own machinery): keep every frame, for diagnosis.
    if (lines.length === 0) for (const frame of frames) lines.push(`    at ${String(frame)}`);
    else if (reachedMain) {
      lines.push(...(this.options.belowMain ?? []));
      const origin = error !== null && typeof error === 'object' ? this.origins.get(error) : undefined;
      if (origin && this.options.esm) origin.esmTopLevel = true;
    } else if (callers.length) {
      lines.push(...(this.options.callerFrames?.(callers) ?? []));
    }
    const limit = this.options.stackLimit?.() ?? 10;
    if (jobLines.every((line) => line > 0) && lines.length < limit) lines.push(...this.asyncLines(jobLines, limit - lines.length));
    return [header, ...lines.slice(0, Math.max(limit, 1))].join('\n');
  };

  /**
   * V8 places a `for await` loop's await at the loop's binding (`for await (const x of …)`: at
   * `x`); the site table has the `for`. Other awaits are at their `await` keyword, as the site.
   */
  private forAwaitBinding(file: string, line: number, column: number): { line: number; column: number } {
    const lines = this.bundles.sources.get(file)?.split(/\r?\n/);
    if (lines === undefined || lines[line - 1]?.startsWith('for', column - 1) !== true) return { line, column };
    const rest = [lines[line - 1].slice(column - 1), ...lines.slice(line, line + 3)].join('\n');
    const m = /^for\s+await\s*\(\s*(?:(?:const|let|var|using|await\s+using)\s+)?/.exec(rest);
    if (!m) return { line, column };
    const skipped = m[0].split('\n');
    return skipped.length === 1 ? { line, column: column + m[0].length } : { line: line + skipped.length - 1, column: skipped[skipped.length - 1].length + 1 };
  }

  /** `    at async b (file:2:22)` lines for an error made in the job numbered by these lines (V8's async stack trace). */
  private asyncLines(jobLines: readonly number[], limit: number): string[] {
    const lines: string[] = [];
    let frames: AsyncFrameInfo[];
    try {
      frames = this.options.asyncFrames?.(jobLines, limit) ?? [];
    } catch {
      return lines;
    }
    for (const frame of frames) {
      if (!('file' in frame)) {
        lines.push(`    at async ${frame.name} (index ${frame.index})`);
        continue;
      }
      const absolute = this.options.siteFile?.(frame.file) ?? frame.file;
      const { line, column } = this.forAwaitBinding(absolute, frame.line, frame.column);
      const where = `${this.options.esm ? fileUrl(absolute) : absolute}:${line}:${column}`;
      const name = asyncFrameName(this.bundles.originalName(frame.name), frame.thisArg);
      lines.push(name ? `    at async ${name} (${where})` : `    at async ${where}`);
    }
    return lines;
  }

  /**
   * Node's "file:line\nsource\n   ^\n" above an uncaught error, or '' when unknown (the runtime
   * adds the blank line after it). Node's caret marks the `throw` statement for a synchronous
   * uncaught exception and the error's origin for a rejection; the stack gives the origin, so for
   * the synchronous case (`fromPromise === false`, when the runtime says so) the caret moves
   * back to a `throw` just before it on the same line.
   */
  /**
   * Node's "url:line\nsource\n   ^\n" for a known position of an ES module (absolute `file`,
   * 1-based line and column), or '' when the file's text is unknown: the unsettled top-level
   * await warning of Node 22+ (runtime/top-level-await.ts).
   */
  sourceHeaderAt = (file: string, line: number, column: number): string => {
    const text = this.bundles.sources.get(file);
    if (text === undefined) return '';
    const sourceLine = text.split(/\r?\n/)[line - 1] ?? '';
    return `${fileUrl(file)}:${line}\n${sourceLine}\n${' '.repeat(Math.max(0, column - 1))}^\n`;
  };

  errorSourceHeader = (error: unknown, fromPromise?: boolean): string => {
    if (error === null || typeof error !== 'object') return '';
    try {
      void (error as { stack?: unknown }).stack; // formats the stack, which records the origin
    } catch {
      return '';
    }
    const pos = this.origins.get(error);
    const text = pos && this.bundles.sources.get(pos.file);
    if (!pos || text === undefined) return '';
    const sourceLine = text.split(/\r?\n/)[pos.line - 1] ?? '';
    let column = pos.column;
    // An ES module's top level runs inside its evaluation promise: Node reports like a rejection.
    if (fromPromise === false && !pos.esmTopLevel) {
      const m = /throw\s+$/.exec(sourceLine.slice(0, column - 1));
      if (m) column = m.index + 1;
    }
    return `${this.options.esm ? fileUrl(pos.file) : pos.file}:${pos.line}\n${sourceLine}\n${' '.repeat(Math.max(0, column - 1))}^\n`;
  };
}
