/**
 * Command-line parsing for `async-timeline`. Hand-written (no dependency): the grammar is
 * small, and errors must name the flag the user typed.
 */
import { CPU_MODES, type CpuMode, type IoOptions, type NetworkMode, type RunBudgets, type UnhandledRejectionsMode } from '../core/engine/api';
import { COST_KINDS } from '../core/io/model';
import { NODE_CHOICES, parseNodeChoice, type NodeChoice } from '../core/versions/resolve-target';
import type { TypeScriptMode } from '../core/engine/strip-types';

export const USAGE = `Usage: async-timeline run <file> [options]
       async-timeline explore <file> [--runs N] [--seed s] [--entry f | --test <pattern>] [--json] [options]
       async-timeline compare <fileA> <fileB> [...] [--html <out.html>] [--label <name> ...] [options]
       async-timeline view <trace.async-timeline.json> [--html <out.html>] [--perfetto <out.json>]

Runs a TypeScript/JavaScript program on a simulated, traced event loop in virtual time.
Prints the program's own output as \`node <file>\` would, and exits with its exit code.

Options:
  --entry <name>                 after loading, call this exported async function
  --args <js-expr>               arguments for --entry, a JS expression giving an array, e.g. '[3, "x"]'
  --test <name pattern>          run only the tests of <file> whose name matches, inside the
                                 simulation: mocha (its --grep on the full title: a substring, or
                                 /regex/) or node:test (Node's --test-name-pattern: a regex on the
                                 name or the name after its suites'; Node 26)
  --seed <n>                     flip racy ties: bit k flips the run's k-th (default 0; docs/cost-model.md)
  --schedule <id>                run under a schedule the explorer found: 'late@3,io@0=118', seed:<n>
                                 or default (docs/explore.md)
  --node <20|22|24|26|auto>      the Node line to imitate (default auto: the major of \`node\` on PATH,
                                 else the nearest .nvmrc / .node-version / engines.node, else 26)
  --trace <out.json>             write the trace (JSON; name it *.async-timeline.json to open it in VS Code)
  --html <out.html>              write a standalone timeline page
  --perfetto <out.json>          write the run as Chrome Trace Event JSON, for ui.perfetto.dev or
                                 Chrome DevTools (ts = microseconds of virtual time)
  --summary                      print one summary line on stderr at the end
  --report                       print the run's analysis on stderr at the end: the critical path
                                 and time by cause, leftovers (tasks suspended forever, an unsettled
                                 top-level await, what kept a stopped run alive), floating promises,
                                 late-handled rejections, and blocking stretches
  --blocking-threshold <ms>      a synchronous stretch blocking the loop this long is reported (default 50)
  --unhandled-rejections=<mode>  throw (default) | strict | warn | none | warn-with-error-code
  --max-virtual-ms <n>           stop a never-ending program after n ms of virtual time
  --max-events <n>               stop after n trace events
  --timeout-ms <n>               stop synchronous code running longer than n ms of real time
  --max-memory-mb <n>            heap cap of the sandbox
  --io-time=<model|measured>     real I/O takes the latency model's time (default: deterministic)
                                 or its real measured duration (truthful, not deterministic)
  --cpu=<model|measured>         the program's synchronous code is free (default: deterministic) or
                                 charged its real measured duration, so computation blocks the loop
                                 as in Node (not deterministic; explore ignores it)
  --io-cost <kind>=<ms>[+<per>]  a latency model cost, e.g. fs.read=0.5+2 (0.5 ms + 2 ms/MiB);
                                 kinds: fs.meta fs.read fs.write crypto.pbkdf2 crypto.scrypt …
  --record                       hosts outside the program: perform every request for real and
                                 rewrite the recording (.async-timeline/recordings/<file>.json
                                 beside the program; docs/recordings.md)
  --replay-only                  replay the recording only: a request it lacks is an error
                                 naming the URL, and nothing leaves the machine
  --no-network                   refuse hosts outside the program (ENETUNREACH), as the library does
                                 (default: replay the recording, and perform for real and record
                                 only what it lacks, saying so on stderr)
  --recordings-dir <dir>         where recordings are read and written
                                 (explore replays the recording only: record with run first)
  --typescript <node|compile>    a .ts file runs as \`node file.ts\` runs it on the target (default
                                 node: Node 22+ strips types and refuses enums, namespaces, parameter
                                 properties … with ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX) or as compiled
                                 TypeScript (compile: as tsc or tsx would run it)
  --cache-dir <dir>              where instrumented files are cached, by content (default:
                                 $XDG_CACHE_HOME/async-timeline or ~/.cache/async-timeline)
  --no-cache                     instrument every file again, use no cache
  -h, --help                     show this help

view reads a saved trace (an older format version is upgraded) and writes it as a page
(--html) or as Chrome Trace Event JSON (--perfetto); it runs nothing.

explore runs the program under many schedules (racy ties, callbacks a millisecond late, I/O
latencies within the model's range, the order of completions in a poll phase), groups the runs
by outcome (stdout, exit code, errors) and shrinks each differing run to the fewest changes
that still give its outcome, with the --schedule that replays it (docs/explore.md).
  --runs <n>                     how many runs (default 200)
  --seed <n>                     where the schedules come from (default 1)
  --workers <n>                  worker threads (default: the cores, at most 4)
  --json                         print the report as JSON on stdout
  --test <name pattern>          explore only the matching tests of a mocha or node:test file (as
                                 run --test selects them): a flaky test's race; the reporter's
                                 durations are not part of an outcome

compare runs each file in turn (its output is not printed), prints a table of virtual
time and speed-up, and with --html writes one page showing the runs on one time scale.
  --label <name>                 a name per file, in order (default: the file name)
`;

export interface CliArgs {
  command: 'run' | 'compare' | 'view' | 'explore' | 'help';
  /** `run --schedule`: the schedule id to run under (src/core/explore/schedule-id.ts). */
  schedule?: string;
  /** explore: `--runs`, `--workers`, `--json`. */
  runs?: number;
  workers?: number;
  json: boolean;
  file?: string;
  /** compare: every file, in order, and their labels (as many as given). */
  files: string[];
  labels: string[];
  entryFunction?: string;
  entryArgs?: string;
  /** `--test`: run the file's tests (mocha or node:test) matching this pattern. */
  testPattern?: string;
  seed?: number;
  /** `--node`: the Node line to imitate (undefined = auto). */
  node?: NodeChoice;
  tracePath?: string;
  htmlPath?: string;
  /** `--perfetto`: where to write the Chrome Trace Event export. */
  perfettoPath?: string;
  summary: boolean;
  /** `--report`: print the run's analysis (src/core/analysis) on stderr. */
  report: boolean;
  /** `--blocking-threshold`: ms of blocking that --report flags (default: the analysis' 50). */
  blockingThresholdMs?: number;
  unhandledRejections?: UnhandledRejectionsMode;
  budgets: Partial<RunBudgets>;
  io: IoOptions;
  /** `--cpu`: how synchronous code takes virtual time (absent: the model). */
  cpu?: CpuMode;
  /** `--record`, `--replay-only`, `--no-network` (absent: the run command's default, 'record-missing'). */
  network?: NetworkMode;
  /** `--recordings-dir`: where the network recordings are. */
  recordingsDir?: string;
  /** `--cache-dir`: the instrumentation cache's folder; false with `--no-cache`; absent: the default. */
  cacheDir?: string | false;
  /** `--typescript`: how .ts files become JavaScript (absent: as Node does). */
  typescript?: TypeScriptMode;
}

export class UsageError extends Error {}

const MODES: UnhandledRejectionsMode[] = ['throw', 'strict', 'warn', 'none', 'warn-with-error-code'];

export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { command: 'run', summary: false, report: false, json: false, budgets: {}, files: [], labels: [], io: {} };
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { ...out, command: 'help' };
  if (!['run', 'compare', 'view', 'explore'].includes(argv[0])) throw new UsageError(`unknown command '${argv[0]}' (expected 'run', 'explore', 'compare' or 'view')`);
  const compare = argv[0] === 'compare';
  const view = argv[0] === 'view';
  const exploring = argv[0] === 'explore';
  if (compare) out.command = 'compare';
  if (view) out.command = 'view';
  if (exploring) out.command = 'explore';
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i];
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const num = (): number => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`${arg}: '${raw}' is not a non-negative number`);
      return n;
    };
    /** A positive whole number (runs, workers). */
    const count = (): number => {
      const raw = value();
      const n = Number(raw);
      if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${arg}: '${raw}' is not a positive integer`);
      return n;
    };
    const exploreOnly = () => {
      if (!exploring) throw new UsageError(`${arg} is an option of 'explore'`);
    };
    switch (arg) {
      case '--runs': exploreOnly(); out.runs = count(); break;
      case '--workers': exploreOnly(); out.workers = count(); break;
      case '--json': exploreOnly(); out.json = true; break;
      case '--schedule': {
        if (argv[0] !== 'run') throw new UsageError(`--schedule is an option of 'run'`);
        out.schedule = value();
        break;
      }
      case '--entry': out.entryFunction = value(); break;
      case '--args': out.entryArgs = value(); break;
      case '--test': out.testPattern = value(); break;
      case '--seed': out.seed = num(); break;
      case '--node': {
        const raw = value();
        const node = parseNodeChoice(raw);
        if (node === undefined) throw new UsageError(`--node: '${raw}' is not a supported Node version (supported: ${NODE_CHOICES.join(', ')})`);
        out.node = node;
        break;
      }
      case '--trace': out.tracePath = value(); break;
      case '--html': out.htmlPath = value(); break;
      case '--perfetto': out.perfettoPath = value(); break;
      case '--summary': out.summary = true; break;
      case '--report': out.report = true; break;
      case '--blocking-threshold': out.blockingThresholdMs = num(); break;
      case '--unhandled-rejections': {
        const mode = value() as UnhandledRejectionsMode;
        if (!MODES.includes(mode)) throw new UsageError(`--unhandled-rejections: '${mode}' is not one of ${MODES.join(', ')}`);
        out.unhandledRejections = mode;
        break;
      }
      case '--max-virtual-ms': out.budgets.virtualTimeMs = num(); break;
      case '--max-events': out.budgets.events = num(); break;
      case '--timeout-ms': out.budgets.realTimeMs = num(); break;
      case '--max-memory-mb': out.budgets.memoryMb = num(); break;
      case '--typescript': {
        const mode = value();
        if (mode !== 'node' && mode !== 'compile') throw new UsageError(`--typescript: '${mode}' is not one of node, compile`);
        out.typescript = mode;
        break;
      }
      case '--io-time': {
        const mode = value();
        if (mode !== 'model' && mode !== 'measured') throw new UsageError(`--io-time: '${mode}' is not one of model, measured`);
        out.io.time = mode;
        break;
      }
      case '--cpu': {
        const mode = value();
        if (!(CPU_MODES as readonly string[]).includes(mode)) throw new UsageError(`--cpu: '${mode}' is not one of ${CPU_MODES.join(', ')}`);
        out.cpu = mode as CpuMode;
        break;
      }
      case '--io-cost': {
        const raw = value();
        const m = /^([a-z.]+)=(\d+(?:\.\d+)?)(?:\+(\d+(?:\.\d+)?))?$/.exec(raw);
        if (!m) throw new UsageError(`--io-cost: '${raw}' is not <kind>=<ms>[+<ms per MiB or unit>], e.g. fs.read=0.5+2`);
        if (!(COST_KINDS as readonly string[]).includes(m[1])) throw new UsageError(`--io-cost: unknown kind '${m[1]}' (kinds: ${COST_KINDS.join(', ')})`);
        (out.io.costs ??= {})[m[1]] = m[3] === undefined ? Number(m[2]) : { base: Number(m[2]), per: Number(m[3]) };
        break;
      }
      case '--record':
      case '--replay-only':
      case '--no-network': {
        const mode: NetworkMode = arg === '--record' ? 'record' : arg === '--replay-only' ? 'replay-only' : 'off';
        if (argv[0] !== 'run') throw new UsageError(`${arg} is an option of 'run'`);
        if (out.network !== undefined && out.network !== mode) throw new UsageError(`${arg} cannot be combined with ${out.network === 'record' ? '--record' : out.network === 'replay-only' ? '--replay-only' : '--no-network'}`);
        out.network = mode;
        break;
      }
      case '--recordings-dir':
        if (argv[0] !== 'run') throw new UsageError(`${arg} is an option of 'run'`);
        out.recordingsDir = value();
        break;
      case '--cache-dir': out.cacheDir = value(); break;
      case '--no-cache': out.cacheDir = false; break;
      case '--label':
        if (!compare) throw new UsageError(`--label is an option of 'compare'`);
        out.labels.push(value());
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        if (compare) {
          out.files.push(arg);
          break;
        }
        if (out.file !== undefined) throw new UsageError(`unexpected argument '${arg}' (the file is '${out.file}')`);
        out.file = arg;
    }
  }
  if (compare) {
    if (out.files.length < 2) throw new UsageError('compare needs at least two files');
    if (out.labels.length > out.files.length) throw new UsageError(`${out.labels.length} labels for ${out.files.length} files`);
    if (out.tracePath) throw new UsageError(`--trace is an option of 'run'`);
    if (out.perfettoPath) throw new UsageError(`--perfetto is an option of 'run' and 'view'`);
    if (out.testPattern !== undefined) throw new UsageError(`--test is an option of 'run'`);
    if (out.report) throw new UsageError(`--report is an option of 'run'`);
    return out;
  }
  if (view) {
    if (out.file === undefined) throw new UsageError('missing <trace.async-timeline.json> to view');
    if (!out.htmlPath && !out.perfettoPath) throw new UsageError('view needs --html <out.html> or --perfetto <out.json> (it writes, it does not run)');
    const runOnly = argv.slice(1).find((a) => a.startsWith('--') && !/^--(html|perfetto)(=|$)/.test(a));
    if (runOnly) throw new UsageError(`${runOnly.split('=')[0]} is an option of 'run' (view runs nothing)`);
    return out;
  }
  if (exploring) {
    if (out.file === undefined) throw new UsageError('missing <file> to explore');
    const runOnly = ['tracePath', 'htmlPath', 'perfettoPath'] as const;
    const flags = { tracePath: '--trace', htmlPath: '--html', perfettoPath: '--perfetto' };
    for (const k of runOnly) if (out[k] !== undefined) throw new UsageError(`${flags[k]} is an option of 'run' (replay a schedule the explorer found with run --schedule)`);
    if (out.summary || out.report) throw new UsageError(`${out.summary ? '--summary' : '--report'} is an option of 'run'`);
    if (out.seed !== undefined && (!Number.isInteger(out.seed) || out.seed > 0xffffffff)) throw new UsageError(`--seed: '${out.seed}' is not a whole number below 2^32`);
    if (out.testPattern !== undefined && out.entryFunction !== undefined) throw new UsageError('--test and --entry cannot be combined (a test run calls the tests)');
    return out;
  }
  if (out.file === undefined) throw new UsageError('missing <file> to run');
  if (out.blockingThresholdMs !== undefined && !out.report) throw new UsageError('--blocking-threshold goes with --report');
  if (out.testPattern !== undefined && out.entryFunction !== undefined) throw new UsageError('--test and --entry cannot be combined (a test run calls the tests)');
  return out;
}
