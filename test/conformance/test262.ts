/**
 * test262 files as the conformance runner needs them: the front-matter (flags, includes,
 * features, negative), the variants a test runs as (strict / non-strict, INTERPRETING.md
 * "Strict Mode"), the program text of each variant (host prelude + harness + test), and how a
 * run's outcome is judged. Used by both sides — the simulator (sim-worker.ts) and real Node
 * (node-worker.cjs) run exactly the program text made here.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The test262 slices: `$TEST262_DIR`, else `shared/conformance/test262` next to the repository
 * (or next to the folder of worktrees it sits in), else this kind of machine's `/work/shared`.
 * '' when none has them: run.ts then says so and runs nothing (`TEST262_LOOKED_IN` says where it looked).
 */
const repoRoot = path.resolve(__dirname, '../..');
export const TEST262_LOOKED_IN: string[] = [
  process.env.TEST262_DIR,
  path.resolve(repoRoot, '../shared/conformance/test262'),
  path.resolve(repoRoot, '../../shared/conformance/test262'),
  '/work/shared/conformance/test262',
].filter((c): c is string => !!c);
export const TEST262_ROOT: string = TEST262_LOOKED_IN.find((c) => fs.existsSync(path.join(c, 'harness', 'assert.js'))) ?? '';

export interface Test262Meta {
  flags: string[];
  includes: string[];
  features: string[];
  negative?: { phase: 'parse' | 'resolution' | 'runtime'; type: string };
}

/** One run of a test: a test file in one mode. */
export interface Variant {
  /** `<path under test/>` plus ` (strict)` for the strict run of a test that runs twice. */
  id: string;
  /** Path under `test262/test/`. */
  file: string;
  strict: boolean;
  module: boolean;
  async: boolean;
  negative?: Test262Meta['negative'];
  features: string[];
  /** The program: what a user's file would hold. */
  code: string;
}

/** Reads `key: [a, b]` and block lists (`key:\n  - a`) of the YAML front-matter, and `negative`. */
export function parseMeta(text: string): Test262Meta {
  const yaml = /\/\*---([\s\S]*?)---\*\//.exec(text)?.[1] ?? '';
  const list = (key: string): string[] => {
    const inline = new RegExp(`^${key}:\\s*\\[([^\\]]*)\\]`, 'm').exec(yaml);
    if (inline) return inline[1].split(',').map((s) => s.trim()).filter(Boolean);
    const block = new RegExp(`^${key}:\\s*\\n((?:\\s+-\\s*.*\\n?)+)`, 'm').exec(yaml);
    return block ? block[1].split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean) : [];
  };
  const neg = /^negative:\s*\n((?:[ \t]+.*\n?)+)/m.exec(yaml)?.[1];
  const negative = neg
    ? { phase: /phase:\s*(\w+)/.exec(neg)![1] as 'parse' | 'resolution' | 'runtime', type: /type:\s*(\w+)/.exec(neg)![1] }
    : undefined;
  return { flags: list('flags'), includes: list('includes'), features: list('features'), ...(negative && { negative }) };
}

/**
 * The host-defined functions (INTERPRETING.md): `print` writes a line to stdout (how an `async`
 * test reports), `$262` has what a Node program can give (`global`, `evalScript`; no
 * `createRealm`, `gc` or agents — tests needing them fail on both sides alike). It first prints
 * a marker, so a run that never started (a parse or resolution error) is told apart from one
 * that threw while running.
 */
export const STARTED = 'Test262:Started';
const PRELUDE = `Object.defineProperty(globalThis, 'print', { value: function print(s) { console.log(String(s)); }, writable: true, configurable: true, enumerable: false });
Object.defineProperty(globalThis, '$262', { value: { global: globalThis, evalScript: function evalScript(src) { return (0, eval)(src); }, gc: function gc() { throw new Error('$262.gc is not available'); }, createRealm: function createRealm() { throw new Error('$262.createRealm is not available'); } }, writable: true, configurable: true, enumerable: false });
print(${JSON.stringify(STARTED)});
`;

const harnessCache = new Map<string, string>();
function harness(name: string): string {
  let text = harnessCache.get(name);
  if (text === undefined) harnessCache.set(name, (text = fs.readFileSync(path.join(TEST262_ROOT, 'harness', name), 'utf8')));
  return text;
}

/** Every test file under `test262/test/` (fixtures excluded), sorted. */
export function listTests(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js') && !e.name.includes('_FIXTURE')) out.push(path.relative(path.join(TEST262_ROOT, 'test'), p));
    }
  };
  walk(path.join(TEST262_ROOT, 'test'));
  return out.sort();
}

/** The runs of one test file: two (non-strict, strict) unless a flag says one. */
export function variantsOf(file: string): Variant[] {
  const text = fs.readFileSync(path.join(TEST262_ROOT, 'test', file), 'utf8');
  const meta = parseMeta(text);
  const flag = (f: string) => meta.flags.includes(f);
  const module = flag('module');
  const async = flag('async');
  const modes: boolean[] = flag('raw') || module || flag('noStrict') ? [false] : flag('onlyStrict') ? [true] : [false, true];
  return modes.map((strict) => {
    let code: string;
    if (flag('raw')) code = text;
    else {
      const includes = ['assert.js', 'sta.js', ...(async ? ['doneprintHandle.js'] : []), ...meta.includes];
      code = (strict ? '"use strict";\n' : '') + PRELUDE + includes.map(harness).join('\n') + '\n' + text;
    }
    return { id: modes.length > 1 && strict ? `${file} (strict)` : file, file, strict, module, async, negative: meta.negative, features: meta.features, code };
  });
}

/** What a run showed, on either side. */
export interface Outcome {
  /** The prelude ran (so no parse or resolution error). */
  started: boolean;
  /** Ended normally: exit code 0, nothing uncaught, no unhandled rejection. */
  clean: boolean;
  /** Constructor name of the error that ended it (uncaught, or the parse error), when known. */
  errorName?: string;
  stdout: string;
  /** A promise rejection nobody handled (not a failure in test262; reported apart). */
  unhandled?: boolean;
  /** A short reason for a failure report (first stderr lines). */
  detail?: string;
  /** Milliseconds the run took (the simulator side: bundle, when made for this target, plus the run). */
  ms?: number;
}

/** INTERPRETING.md's verdict for a run. */
export function passed(v: Pick<Variant, 'negative' | 'async'>, o: Outcome): boolean {
  if (v.negative) {
    const early = v.negative.phase === 'parse' || v.negative.phase === 'resolution';
    if (early !== !o.started) return false;
    return !o.clean && o.errorName === v.negative.type;
  }
  if (!o.started || !o.clean) return false;
  if (!v.async) return true;
  return o.stdout.includes('Test262:AsyncTestComplete') && !o.stdout.includes('Test262:AsyncTestFailure');
}

/** The constructor name Node prints for an uncaught error (`ReferenceError: x is not defined`). */
export function uncaughtErrorName(stderr: string): string | undefined {
  return /^(?:Uncaught )?([A-Z][\w$]*(?:Error|Exception))\b/m.exec(stderr)?.[1];
}
