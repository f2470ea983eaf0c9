/**
 * Command-line parsing for `async-timeline`. Hand-written (no dependency): the grammar is
 * small, and errors must name the flag the user typed.
 */
import type { IoOptions, RunBudgets, UnhandledRejectionsMode } from '../core/engine/api';
import { COST_KINDS } from '../core/io/model';

export const USAGE = `Usage: async-timeline run <file> [options]
       async-timeline compare <fileA> <fileB> [...] [--html <out.html>] [--label <name> ...] [options]

Runs a TypeScript/JavaScript program on a simulated, traced event loop in virtual time.
Prints the program's own output as \`node <file>\` would, and exits with its exit code.

Options:
  --entry <name>                 after loading, call this exported async function
  --args <js-expr>               arguments for --entry, a JS expression giving an array, e.g. '[3, "x"]'
  --seed <n>                     vary the documented tie rules (default 0)
  --trace <out.json>             write the trace (JSON)
  --html <out.html>              write a standalone timeline page
  --summary                      print one summary line on stderr at the end
  --unhandled-rejections=<mode>  throw (default) | strict | warn | none | warn-with-error-code
  --max-virtual-ms <n>           stop a never-ending program after n ms of virtual time
  --max-events <n>               stop after n trace events
  --timeout-ms <n>               stop synchronous code running longer than n ms of real time
  --max-memory-mb <n>            heap cap of the sandbox
  --io-time=<model|measured>     real I/O takes the latency model's time (default: deterministic)
                                 or its real measured duration (truthful, not deterministic)
  --io-cost <kind>=<ms>[+<per>]  a latency model cost, e.g. fs.read=0.5+2 (0.5 ms + 2 ms/MiB);
                                 kinds: fs.meta fs.read fs.write crypto.pbkdf2 crypto.scrypt …
  -h, --help                     show this help

compare runs each file in turn (its output is not printed), prints a table of virtual
time and speed-up, and with --html writes one page showing the runs on one time scale.
  --label <name>                 a name per file, in order (default: the file name)
`;

export interface CliArgs {
  command: 'run' | 'compare' | 'help';
  file?: string;
  /** compare: every file, in order, and their labels (as many as given). */
  files: string[];
  labels: string[];
  entryFunction?: string;
  entryArgs?: string;
  seed?: number;
  tracePath?: string;
  htmlPath?: string;
  summary: boolean;
  unhandledRejections?: UnhandledRejectionsMode;
  budgets: Partial<RunBudgets>;
  io: IoOptions;
}

export class UsageError extends Error {}

const MODES: UnhandledRejectionsMode[] = ['throw', 'strict', 'warn', 'none', 'warn-with-error-code'];

export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { command: 'run', summary: false, budgets: {}, files: [], labels: [], io: {} };
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { ...out, command: 'help' };
  if (argv[0] !== 'run' && argv[0] !== 'compare') throw new UsageError(`unknown command '${argv[0]}' (expected 'run' or 'compare')`);
  const compare = argv[0] === 'compare';
  if (compare) out.command = 'compare';
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
    switch (arg) {
      case '--entry': out.entryFunction = value(); break;
      case '--args': out.entryArgs = value(); break;
      case '--seed': out.seed = num(); break;
      case '--trace': out.tracePath = value(); break;
      case '--html': out.htmlPath = value(); break;
      case '--summary': out.summary = true; break;
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
      case '--io-time': {
        const mode = value();
        if (mode !== 'model' && mode !== 'measured') throw new UsageError(`--io-time: '${mode}' is not one of model, measured`);
        out.io.time = mode;
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
    return out;
  }
  if (out.file === undefined) throw new UsageError('missing <file> to run');
  return out;
}
