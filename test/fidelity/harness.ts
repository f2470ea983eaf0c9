/**
 * Shared machinery of the differential fidelity suite (see test/fidelity/README.md):
 * run a program under the real Node of a supported line and under the simulator's CLI with the
 * matching `--node`, normalize, compare, diff.
 *
 * Environment:
 *  - FIDELITY_NODES      the Node lines to check, e.g. `22,26` (default: every supported line).
 *  - SIM_CMD             command prefix of the simulator; `--node <major>` and the program path
 *                        are appended. Default: `node dist/cli.js run` (from the repository root).
 *                        `SIM_CMD=node` is the self-test: the "simulator" is the same real node,
 *                        given the same node-ready file as the reference run (transpiled for
 *                        .ts/.mts), so every comparison must pass trivially.
 *  - NODE_CMD            command of the reference node for every line (default: the real Node of
 *                        the line, test/nodes); it always gets `--require node-warmup.cjs`.
 *  - FIDELITY_CONCURRENCY  simulator processes at once (default 2: the machine is shared).
 *  - FIDELITY_NODE_CONCURRENCY  real-node processes at once, besides (default 2: they mostly
 *                        wait for their timers).
 *  - FIDELITY_TIMEOUT_MS per-process real-time limit (default 30000).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { realNode, SUPPORTED_NODE_MAJORS, type NodeMajor } from '../nodes/real-node';

export const FIDELITY_DIR = __dirname;
export const PROGRAMS_DIR = path.join(FIDELITY_DIR, 'programs');
export const REPO_ROOT = path.resolve(FIDELITY_DIR, '..', '..');
export const KNOWN_DIVERGENCES_FILE = path.join(FIDELITY_DIR, 'known-divergences.json');

export const PROGRAM_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'];

export const concurrency = Math.max(1, Number(process.env.FIDELITY_CONCURRENCY) || 2);
export const nodeConcurrency = Math.max(1, Number(process.env.FIDELITY_NODE_CONCURRENCY) || 2);

/** The lines to check: FIDELITY_NODES (comma-separated majors), else every supported line. */
export function fidelityMajors(): NodeMajor[] {
  const raw = process.env.FIDELITY_NODES?.trim();
  if (!raw) return [...SUPPORTED_NODE_MAJORS];
  const majors = raw.split(',').map((s) => Number(s.trim()));
  const bad = majors.filter((m) => !(SUPPORTED_NODE_MAJORS as readonly number[]).includes(m));
  if (bad.length) throw new Error(`FIDELITY_NODES=${raw}: ${bad.join(', ')} is not a supported line (${SUPPORTED_NODE_MAJORS.join(', ')})`);
  return majors as NodeMajor[];
}
export const processTimeoutMs = Number(process.env.FIDELITY_TIMEOUT_MS) || 30_000;

/** Program files, sorted; the group is the file name up to the first '-'. */
/**
 * The Node majors a program is meant for, from its first line: `// node: >=24`, `// node: 22`,
 * `// node: <24` or `// node: 22,24` (no such line: every supported major). Programs using what
 * only some lines have (Promise.try, DisposableStack, `using`) say so.
 */
export function programTargets(file: string): (major: number) => boolean {
  const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0];
  const spec = /^\/\/\s*node:\s*(.+?)\s*$/.exec(first)?.[1];
  if (!spec) return () => true;
  const parts = spec.split(/\s*(?:,|\|\|)\s*/).map((p) => /^(>=|<=|>|<|=)?\s*(\d+)$/.exec(p.trim()));
  if (parts.some((m) => !m)) throw new Error(`${path.basename(file)}: cannot read the first line's node range "${spec}" (e.g. // node: >=24)`);
  return (major) => parts.some((m) => {
    const n = Number(m![2]);
    switch (m![1]) {
      case '>=': return major >= n;
      case '<=': return major <= n;
      case '>': return major > n;
      case '<': return major < n;
      default: return major === n;
    }
  });
}

export function listPrograms(dir = PROGRAMS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => PROGRAM_EXTENSIONS.includes(path.extname(f)))
    .sort();
}

/**
 * Samples of the gallery (samples/) that real Node runs as they are — no `async-timeline/sim`
 * import — and that print the same on every run: the suite checks them like its own programs, as
 * the group `samples` (named `samples/<file>`, e.g. `FIDELITY_ONLY=samples/`). Not listed: the
 * café, chat, workers and threadpool samples (they configure the simulated world), hello-async
 * and hello-sync (they print the measured time to 10 ms, which a loaded machine changes) and
 * race.ts (real Node loses the race now and then: that is its point).
 */
export const SAMPLES_DIR = path.join(REPO_ROOT, 'samples');
export const DIFFERENTIAL_SAMPLES = ['fetch-fanout.ts', 'request-context.ts'].map((f) => `samples/${f}`);

/** Every program the suite checks: test/fidelity/programs/*, then DIFFERENTIAL_SAMPLES. */
export function listCheckedPrograms(): string[] {
  return [...listPrograms(), ...DIFFERENTIAL_SAMPLES];
}

/** The absolute path of a program of listCheckedPrograms(). */
export function programPath(file: string): string {
  return file.startsWith('samples/') ? path.join(REPO_ROOT, file) : path.join(PROGRAMS_DIR, file);
}

export function groupOf(file: string): string {
  if (file.startsWith('samples/')) return 'samples';
  const base = path.basename(file);
  const dash = base.indexOf('-');
  return dash > 0 ? base.slice(0, dash) : base.replace(/\.[^.]+$/, '');
}

/**
 * Lines on which real Node itself prints different things from run to run for this program, from
 * a header comment line of the program: `// racy in Node 22, 24, 26: <why, and what was seen>`.
 * The program is still checked on every other line; on these it is reported as pending with the
 * reason. Only for races of real Node (checked with `run-one.ts --node-only`), never for a
 * simulator that prints something else.
 */
export function racyLines(file: string): Map<NodeMajor, string> {
  const lines = new Map<NodeMajor, string>();
  const head = fs.readFileSync(file, 'utf8').split('\n').slice(0, 20);
  for (const line of head) {
    const m = /^\/\/ racy in Node ([\d, ]+): (.+)$/.exec(line.trim());
    if (!m) continue;
    for (const major of m[1].split(',').map((s) => Number(s.trim()))) {
      if (!(SUPPORTED_NODE_MAJORS as readonly number[]).includes(major)) throw new Error(`${file}: 'racy in Node ${m[1]}' names an unsupported line ${major}`);
      lines.set(major as NodeMajor, m[2]);
    }
  }
  return lines;
}

/**
 * What a program's header asks to normalize in stdout before comparing, from a header comment
 * line: `// fidelity: normalize test durations`. node:test's reporters print how long each test
 * took (`✔ adds (0.70ms)`, `duration_ms 9.99`): measured real time under Node, virtual time in
 * the simulator (where a test that does not wait takes 0 ms, which the spec reporter leaves
 * out). For such a program only, a test line's ` (Nms)` (before its `# SKIP`/`# TODO` directive, if any) is dropped and every
 * `duration_ms N` reads `duration_ms <ms>`, on both sides, and the program's folder relative to
 * the repository (the simulator's working directory) is dropped from a test's location
 * (`test at nodetest-fail.js:10:1`); everything else is compared as is.
 */
export function stdoutNormalizer(file: string): ((text: string) => string) | undefined {
  if (!fs.existsSync(file)) return undefined;
  const head = fs.readFileSync(file, 'utf8').split('\n').slice(0, 20);
  if (!head.some((line) => line.trim() === '// fidelity: normalize test durations')) return undefined;
  // The reporters print a test's file relative to the working directory: the program's own under
  // Node, the repository's under the simulator (runUnderSimulator).
  const fromRoot = path.relative(REPO_ROOT, path.dirname(file)).split(path.sep).join('/') + '/';
  return (text) =>
    text
      .replace(/ \(\d+(?:\.\d+)?ms\)(?=(?: # .*)?$)/gm, '')
      .replace(/duration_ms(:?) \d+(?:\.\d+)?/g, 'duration_ms$1 <ms>')
      .split(fromRoot)
      .join('');
}

export interface KnownDivergence {
  file: string;
  reason: string;
}

export function loadKnownDivergences(): Map<string, string> {
  const map = new Map<string, string>();
  if (!fs.existsSync(KNOWN_DIVERGENCES_FILE)) return map;
  const list = JSON.parse(fs.readFileSync(KNOWN_DIVERGENCES_FILE, 'utf8')) as KnownDivergence[];
  if (!Array.isArray(list)) throw new Error(`${KNOWN_DIVERGENCES_FILE} must hold an array of {file, reason}`);
  for (const entry of list) {
    if (!entry || typeof entry.file !== 'string' || typeof entry.reason !== 'string' || !entry.reason.trim()) {
      throw new Error(`${KNOWN_DIVERGENCES_FILE}: every entry needs a "file" and a non-empty "reason": ${JSON.stringify(entry)}`);
    }
    map.set(path.basename(entry.file), entry.reason);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Preparing a program for real Node 20: .ts/.mts/.cts are transpiled (types stripped) by
// `typescript`'s transpileModule into a temp dir; .js/.mjs/.cjs run in place. Node 22+ runs
// every file in place (it strips types itself).

let tempRoot: string | undefined;
export function tempDir(): string {
  if (!tempRoot || !fs.existsSync(tempRoot)) tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'async-timeline-fidelity-'));
  return tempRoot;
}
export function cleanupTemp(): void {
  if (tempRoot) fs.rmSync(tempRoot, { recursive: true, force: true });
  tempRoot = undefined;
}

/** Returns the path real node should run for `file` (absolute). */
const readyCache = new Map<string, string>();
export function nodeReadyPath(file: string): string {
  const ext = path.extname(file);
  if (ext !== '.ts' && ext !== '.mts' && ext !== '.cts') return file;
  const cached = readyCache.get(file);
  if (cached && fs.existsSync(cached)) return cached;
  const esm = ext === '.mts';
  const out = path.join(tempDir(), path.basename(file, ext) + (esm ? '.mjs' : ext === '.cts' ? '.cjs' : '.js'));
  const result = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: path.basename(file),
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    throw new Error(`transpiling ${file}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  }
  fs.writeFileSync(out, result.outputText);
  readyCache.set(file, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running processes.

export interface RunOutput {
  stdout: string;
  stderr: string;
  /** Exit code; null when killed by a signal or the timeout. */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  ms: number;
}

export function splitCommand(cmd: string): string[] {
  return (cmd.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((t) => t.replace(/^(["'])(.*)\1$/, '$2'));
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.NODE_OPTIONS; // tsx/mocha loaders must not leak into the programs
  delete env.NODE_CHANNEL_FD;
  return env;
}

export function runCommand(argv: string[], cwd: string, timeoutMs = processTimeoutMs): Promise<RunOutput> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const finish = (code: number | null, signal: string | null, extra = '') => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + extra,
        code,
        signal,
        timedOut,
        ms: Date.now() - started,
      });
    };
    child.on('error', (e) => finish(null, null, `\n[harness] could not start ${argv[0]}: ${e.message}\n`));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Preload of every real-node run: pays the first-console.log cost up front (see the file). */
export const NODE_WARMUP = path.join(FIDELITY_DIR, 'node-warmup.cjs');

/** Real Node of line `major` with the preload (NODE_CMD replaces the binary for every line). */
export function nodeCommand(major: NodeMajor): string[] {
  const node = process.env.NODE_CMD ? splitCommand(process.env.NODE_CMD) : [realNode(major)];
  return [...node, '--require', NODE_WARMUP];
}

/** The simulator imitating line `major`; the program path is to be appended. */
export function simCommand(major: NodeMajor): string[] {
  const raw = process.env.SIM_CMD;
  if (raw && raw.trim()) {
    const argv = splitCommand(raw);
    if (isSelfTest()) return nodeCommand(major); // node against node, same preload
    return [...(argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv), '--node', String(major)];
  }
  return [process.execPath, path.join(REPO_ROOT, 'dist', 'cli.js'), 'run', '--node', String(major)];
}

/** True when SIM_CMD is plain `node`: the self-test, which runs the node-ready file. */
export function isSelfTest(): boolean {
  const raw = (process.env.SIM_CMD ?? '').trim();
  return raw === 'node' || raw === process.execPath;
}

/** Checks the simulator can be started at all; returns a problem description or undefined. */
export function simulatorProblem(): string | undefined {
  if (process.env.SIM_CMD) return undefined;
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    return `simulator CLI ${cli} not found: run \`npm run build\` first (or set SIM_CMD=node for the harness self-test)`;
  }
  return undefined;
}

export async function runUnderNode(file: string, major: NodeMajor): Promise<RunOutput> {
  // Node 22.18+, 24 and 26 run TypeScript themselves (type stripping: an ES module when it has
  // module syntax); Node 20 cannot, so it gets `tsc`'s CommonJS output, as ts-node or tsx give it.
  const ready = major >= 22 ? file : nodeReadyPath(file);
  return runCommand([...nodeCommand(major), ready], path.dirname(file));
}

export async function runUnderSimulator(file: string, major: NodeMajor): Promise<RunOutput> {
  const target = isSelfTest() ? nodeReadyPath(file) : file;
  return runCommand([...simCommand(major), target], isSelfTest() ? path.dirname(file) : REPO_ROOT);
}

// ---------------------------------------------------------------------------------------------
// A tiny promise pool: at most `n` jobs at once, started in submission order.

export function makePool(n = concurrency): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) {
      active++;
      start();
    }
  };
  return <T>(job: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        job()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

// ---------------------------------------------------------------------------------------------
// stderr normalization. Stack traces, file paths and the source excerpt Node prints above an
// uncaught error necessarily differ between node and the simulator (different files, a
// different call stack). What is compared is everything else, line by line:
//   1. CRLF → LF; the program's paths (original, transpiled, their directories, file:// URLs)
//      become `<file>`/`<dir>`; `(node:12345)` becomes `(node:PID)`.
//   2. The source excerpt is dropped: a caret line (`    ^`), the source line above it, and a
//      pure location line above that (`<file>:12`, `node:internal/process/promises:391`).
//   3. Stack frame lines (`    at ...`) and `... N lines matching cause stack trace ...` are
//      dropped; a frame line ending with ` {` (an error with own properties) becomes `{`.
//   4. The `Node.js v20.x.y` trailer and blank lines are dropped; trailing spaces trimmed.
// So `Error: boom`, `[UnhandledPromiseRejection: ... reason "oops".] {`, `code: '...'`,
// warnings, and anything the program itself writes to stderr must match exactly.

export function normalizeStderr(text: string, paths: string[] = []): string {
  let s = text.replace(/\r\n/g, '\n');
  const replacements: [string, string][] = [];
  for (const p of paths) {
    if (!p) continue;
    replacements.push([`file://${p}`, '<file>'], [p, '<file>']);
    replacements.push([`file://${path.dirname(p)}`, '<dir>'], [path.dirname(p), '<dir>']);
    const rel = path.relative(REPO_ROOT, p);
    if (!rel.startsWith('..')) replacements.push([rel, '<file>']);
  }
  replacements.sort((a, b) => b[0].length - a[0].length);
  for (const [from, to] of replacements) s = s.split(from).join(to);
  s = s.replace(/\(node:\d+\)/g, '(node:PID)');

  const lines = s.split('\n');
  const kept: string[] = [];
  const isLocation = (l: string | undefined) =>
    l !== undefined && /^(?:<file>|<dir>\S*|node:\S+|file:\/\/\S+|\/\S+|[A-Za-z]:\\\S+):\d+(?::\d+)?$/.test(l);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*\^+\s*$/.test(line)) {
      // a caret line: drop it, the source excerpt above it, and a pure location line above that
      const prev = kept.length ? kept[kept.length - 1] : undefined;
      if (prev !== undefined && !isLocation(prev)) kept.pop();
      if (isLocation(kept[kept.length - 1])) kept.pop();
      continue;
    }
    if (/^\s+at\s/.test(line)) {
      if (/\s\{$/.test(line)) kept.push('{');
      continue;
    }
    if (/^\s*\.\.\. \d+ lines? matching cause stack trace \.\.\.$/.test(line)) continue;
    if (/^Node\.js v\d+\.\d+\.\d+$/.test(line)) continue;
    if (!line.trim()) continue;
    kept.push(line.replace(/\s+$/, ''));
  }
  return kept.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Unified diff (LCS over lines; the outputs are small).

export function unifiedDiff(expected: string, actual: string, labels = ['node', 'simulator'], context = 3): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) {
    return `--- ${labels[0]}\n+++ ${labels[1]}\n(outputs too large to diff: ${n} vs ${m} lines)`;
  }
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  type Op = { t: ' ' | '-' | '+'; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ t: ' ', line: a[i], ai: i++, bi: j++ });
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ t: '-', line: a[i], ai: i++, bi: j });
    } else {
      ops.push({ t: '+', line: b[j], ai: i, bi: j++ });
    }
  }
  const out = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].t === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    // extend the hunk while changes are within 2*context of each other
    while (end < ops.length) {
      if (ops[end].t !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].t === ' ') run++;
      if (end + run >= ops.length || run > 2 * context) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end += run;
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].ai + 1;
    const bStart = hunk[0].bi + 1;
    const aLen = hunk.filter((o) => o.t !== '+').length;
    const bLen = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.t}${o.line}`);
    k = end;
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Comparing two runs.

export interface Comparison {
  ok: boolean;
  /** Human-readable report of every difference (empty when ok). */
  report: string;
  /** One line: what node printed vs what the simulator printed, for summaries. */
  summary: string;
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      const show = (x: string | undefined) => (x === undefined ? '<end>' : JSON.stringify(x));
      return `line ${i + 1}: node ${show(al[i])} vs sim ${show(bl[i])}`;
    }
  }
  return 'identical';
}

export function compareRuns(node: RunOutput, sim: RunOutput, paths: string[]): Comparison {
  const problems: string[] = [];
  const summary: string[] = [];
  if (sim.timedOut) {
    problems.push(`simulator timed out after ${sim.ms} ms (limit ${processTimeoutMs} ms)`);
    summary.push('sim timed out');
  }
  if (node.timedOut) {
    problems.push(`node timed out after ${node.ms} ms: the program itself never ends`);
    summary.push('node timed out');
  }
  const normalize = paths.length > 0 ? stdoutNormalizer(paths[0]) : undefined;
  const nodeOut = normalize ? normalize(node.stdout) : node.stdout;
  const simOut = normalize ? normalize(sim.stdout) : sim.stdout;
  if (nodeOut !== simOut) {
    problems.push(`${normalize ? 'normalized ' : ''}stdout differs:\n${unifiedDiff(nodeOut, simOut)}`);
    summary.push(`stdout ${firstDifference(nodeOut, simOut)}`);
  }
  // A Node killed by a signal (process.kill(process.pid), abort()) exits as a shell reports it,
  // 128 + the signal's number: the simulated process ends with that code.
  const nodeCode = node.code ?? (node.signal && !node.timedOut ? 128 + (os.constants.signals[node.signal as NodeJS.Signals] ?? 0) : null);
  if (nodeCode !== sim.code) {
    problems.push(`exit code differs: node ${nodeCode}${node.signal ? ` (signal ${node.signal})` : ''} vs simulator ${sim.code}${sim.signal ? ` (signal ${sim.signal})` : ''}`);
    summary.push(`exit ${nodeCode} vs ${sim.code}`);
  }
  const ne = normalizeStderr(node.stderr, paths);
  const se = normalizeStderr(sim.stderr, paths);
  if (ne !== se) {
    problems.push(
      `normalized stderr differs:\n${unifiedDiff(ne, se)}\n` +
        `--- raw node stderr ---\n${node.stderr}\n--- raw simulator stderr ---\n${sim.stderr}`,
    );
    summary.push(`stderr ${firstDifference(ne, se)}`);
  }
  return { ok: problems.length === 0, report: problems.join('\n\n'), summary: summary.join('; ') };
}

/** Paths whose occurrences in stderr are replaced by <file>/<dir> during normalization. */
export function pathsFor(file: string): string[] {
  const paths = [file];
  const ready = nodeReadyPath(file);
  if (ready !== file) paths.push(ready);
  return paths;
}

