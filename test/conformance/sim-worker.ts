/**
 * One shard of the simulator side: runs test262 programs the way `async-timeline run` runs a
 * user's file — instrument + bundle (engine/bundle.ts), a fresh sandbox with the runtime
 * installed (engine/sandbox.ts), then the simulated loop in slices (as engine/worker.ts drives
 * it) — once per target Node major, with `RuntimeOptions.nodeMajor` set. Many tests per
 * process: no Worker thread per test, a new vm context per test and version.
 *
 * Usage (run.ts spawns it): tsx sim-worker.ts <jobs.json> <results.json>
 *   jobs: { versions: number[], variants: Variant[] }  →  results: { [id]: { [major]: Outcome } }
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { bundle, type BundleOutput } from '../../src/core/engine/bundle';
import type { WorkerInput } from '../../src/core/engine/protocol';
import { locateDist, DEFAULT_BUDGETS, ENGINE_VERSION } from '../../src/core/engine/run';
import { HANDLE_VAR, Sandboxes } from '../../src/core/engine/sandbox';
import type { NodeMajor } from '../../src/core/versions/targets';
import { FEATURE_SINCE, hasFeature, type Feature } from '../../src/core/versions/features';
import { STARTED, TEST262_ROOT, uncaughtErrorName, type Outcome, type Variant } from './test262';

/** Real-time limit for one test's synchronous stretch (a hung test fails, it does not stop the shard). */
const REAL_TIME_MS = 5000;

const distDir = locateDist();
const runMain = new vm.Script(`${HANDLE_VAR}.runMain(__asyncTimeline$program)`, { filename: 'async-timeline:main' });
const runSlice = new vm.Script(`${HANDLE_VAR}.runSlice(50)`, { filename: 'async-timeline:slice' });

/** The syntax features a target has (the instrumenter's output depends on nothing else of it). */
const SYNTAX_FEATURES = (Object.keys(FEATURE_SINCE) as Feature[]).filter((f) => f.endsWith('declarations'));
function syntaxKey(major: NodeMajor): string {
  return SYNTAX_FEATURES.map((f) => (hasFeature(major, f) ? 1 : 0)).join('');
}

/** Where the program's file is: next to the test (a module's fixtures resolve from there). */
function entryOf(v: Variant): string {
  return path.join(TEST262_ROOT, 'test', v.file.replace(/\.js$/, v.module ? '.mjs' : '.cjs'));
}

function inputFor(v: Variant, nodeMajor: NodeMajor): WorkerInput {
  const entry = entryOf(v);
  return {
    entry,
    entryDisplay: v.file,
    source: v.code,
    cwd: path.dirname(entry),
    seed: 0,
    unhandledRejections: 'warn',
    budgets: { ...DEFAULT_BUDGETS, realTimeMs: REAL_TIME_MS },
    distDir,
    engineVersion: ENGINE_VERSION,
    snapshotEveryMs: 1e9,
    tracing: true,
    nodeMajor,
  };
}

/** The bundle's first error as an outcome (the program never started). */
function bundleFailure(built: BundleOutput): Outcome | undefined {
  const error = built.diagnostics.find((d) => d.severity === 'error');
  if (!error) return undefined;
  const name = /^Could not resolve/.test(error.message) ? 'Error' : 'SyntaxError';
  return { started: false, clean: false, errorName: name, stdout: '', detail: `${name}: ${error.message} (${path.basename(error.file)}:${error.line})` };
}

async function runOne(v: Variant, built: BundleOutput, nodeMajor: NodeMajor): Promise<Outcome> {
  const failed = bundleFailure(built);
  if (failed) return failed;
  const input = inputFor(v, nodeMajor);
  let stdout = '';
  let stderr = '';
  const write = (stream: 1 | 2, text: string) => {
    if (stream === 1) stdout += text;
    else stderr += text;
  };
  let main: ReturnType<Sandboxes['makeMain']>;
  try {
    main = new Sandboxes({ input, write, callerFrames: () => undefined, belowMain: [] }, built, new Map()).makeMain();
  } catch (e) {
    // The wrapped bundle did not compile in V8 (an early error esbuild and TypeScript let through).
    const err = e as Error;
    return { started: false, clean: false, errorName: err?.name, stdout: '', detail: `${err?.name}: ${err?.message}` };
  }
  const { context, sandbox, handle, evaluate } = main;
  sandbox['__asyncTimeline$program'] = () => evaluate();
  let engineError: string | undefined;
  const step = (script: vm.Script): string => {
    try {
      return script.runInContext(context, { timeout: REAL_TIME_MS + 1000 }) as string;
    } catch (e) {
      engineError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      handle.stop(engineError);
      return 'done';
    }
  };
  let r = step(runMain);
  for (let waits = 0; r !== 'done' && !handle.done; ) {
    if (r === 'wait') {
      // Only something outside the simulation is pending (never in test262): give it a moment.
      if (++waits > 50) {
        engineError = 'waited for something external that never came';
        handle.stop(engineError);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    r = step(runSlice);
  }
  const exitCode = handle.exitCode;
  const clean = exitCode === 0 && engineError === undefined;
  const started = stdout.startsWith(STARTED) || stdout.includes(`\n${STARTED}`);
  return {
    started,
    clean,
    errorName: clean ? undefined : uncaughtErrorName(stderr),
    stdout,
    unhandled: stderr.includes('UnhandledPromiseRejectionWarning'),
    ...(!clean && { detail: engineError ?? (stderr.split('\n').filter((l) => l.trim()).slice(0, 6).join(' | ') || `exit ${exitCode}`) }),
  };
}

async function main(): Promise<void> {
  const [jobsFile, resultsFile] = process.argv.slice(2);
  const { versions, variants } = JSON.parse(fs.readFileSync(jobsFile, 'utf8')) as { versions: NodeMajor[]; variants: Variant[] };
  const results: Record<string, Record<number, Outcome>> = {};
  for (const v of variants) {
    const row: Record<number, Outcome> = (results[v.id] = {});
    // The bundle depends on the target only through the syntax it accepts: made once per syntax level.
    const bundles = new Map<string, BundleOutput>();
    for (const major of versions) {
      const t0 = performance.now();
      try {
        const input = inputFor(v, major);
        const key = syntaxKey(major);
        let built = bundles.get(key);
        if (!built) bundles.set(key, (built = await bundle({ entry: input.entry, source: v.code, cwd: input.cwd, nodeMajor: major })));
        const o = await runOne(v, built, major);
        // Keep results small: only what the verdict and the report read.
        row[major] = { ...o, stdout: o.stdout.split('\n').filter((l) => l.startsWith('Test262:')).join('\n'), ms: Math.round(performance.now() - t0) };
      } catch (e) {
        row[major] = { started: false, clean: false, stdout: '', detail: `runner error: ${e instanceof Error ? e.stack : String(e)}` };
      }
    }
  }
  fs.writeFileSync(resultsFile, JSON.stringify(results));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
