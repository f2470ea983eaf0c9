/**
 * TEST-ONLY harness: runs a program on the simulated runtime inside a fresh `vm` context (the
 * runtime bundled from src/core/runtime/index.ts, as dist/runtime.js is) and the same program's
 * native form under real `node`, and returns stdout / stderr / exit code of each.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import type { InstallFn, RuntimeHandle, RuntimeOptions } from '../../../src/core/runtime/host-api';
import type { TraceFile } from '../../../src/core/trace/format';
import { instrument } from './mini-instrument';

const root = path.resolve(__dirname, '../../..');
let bundle: string | undefined;

export function runtimeBundle(): string {
  if (bundle === undefined) {
    const out = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: ['src/core/runtime/index.ts'],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'iife',
      target: 'node20',
      mainFields: ['module', 'main'],
    });
    bundle = out.outputFiles[0].text;
  }
  return bundle;
}

export interface RunOutput {
  stdout: string;
  stderr: string;
  code: number;
}

export interface SimOutput extends RunOutput {
  trace: TraceFile;
  handle: RuntimeHandle;
  /** Real time of runMain + the slices (no instrumenting, no trace export). */
  runMs: number;
}

const compiled = new Map<string, vm.Script>();

export function runSim(source: string, options: Partial<RuntimeOptions> & { raw?: boolean } = {}): SimOutput {
  const { handle, out, t0 } = startSim(source, options);
  let slices = 0;
  while (handle.runSlice(1000) === 'more') {
    if (++slices > 10000) throw new Error('runaway');
  }
  return finishSim(handle, out, t0);
}

/** Like runSim, but lets the real event loop run when the runtime answers 'wait' (external promises). */
export async function runSimAsync(source: string, options: Partial<RuntimeOptions> & { raw?: boolean } = {}): Promise<SimOutput> {
  const { handle, out, t0 } = startSim(source, options);
  let r: string;
  while ((r = handle.runSlice(1000)) !== 'done') {
    await new Promise((resolve) => (r === 'wait' ? setTimeout(resolve, 1) : setImmediate(resolve)));
  }
  return finishSim(handle, out, t0);
}

function startSim(source: string, options: Partial<RuntimeOptions> & { raw?: boolean }) {
  const context = vm.createContext({});
  if (!compiled.has('rt')) compiled.set('rt', new vm.Script(runtimeBundle(), { filename: 'runtime.js' }));
  compiled.get('rt')!.runInContext(context);
  const out = { stdout: '', stderr: '' };
  const install = (context as { __asyncTimelineInstall: InstallFn }).__asyncTimelineInstall;
  const opts: RuntimeOptions = {
    seed: 0,
    moduleKind: 'commonjs',
    unhandledRejections: 'throw',
    budgets: { realTimeMs: 5000, virtualTimeMs: 1e9, events: 5e7 },
    tracing: true,
    ...options,
  };
  const handle = install(vm.runInContext('globalThis', context) as object, {
    write(stream, text) {
      if (stream === 1) out.stdout += text;
      else out.stderr += text;
    },
    realNow: () => performance.now(),
    formatWithOptions: util.formatWithOptions,
    inspect: util.inspect,
    errorSourceHeader: () => '',
    options: opts,
  });
  const code = options.raw ? source : instrument(source);
  const fn = vm.runInContext(`(function (require) {\n${code}\n})`, context) as (r: (n: string) => unknown) => unknown;
  const req = (name: string) => {
    const m = handle.builtinModule(name);
    if (m === undefined) throw new Error(`no module ${name}`);
    return m;
  };
  const t0 = performance.now();
  handle.runMain(() => fn(req));
  return { handle, out, t0 };
}

function finishSim(handle: RuntimeHandle, out: { stdout: string; stderr: string }, t0: number): SimOutput {
  const runMs = performance.now() - t0;
  // JSON round trip: the trace's arrays come from the vm realm.
  const trace = JSON.parse(JSON.stringify(handle.trace({ entry: 'prog.js', engine: 'test' }))) as TraceFile;
  return { stdout: out.stdout, stderr: out.stderr, code: handle.exitCode, trace, handle, runMs };
}

let tmpDir: string | undefined;
let counter = 0;

export function runNode(source: string, args: string[] = [], ext = '.js'): RunOutput {
  tmpDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'rt-diff-'));
  const file = path.join(tmpDir, `p${counter++}${ext}`);
  fs.writeFileSync(file, source);
  const r = spawnSync(process.execPath, [...args, file], { encoding: 'utf8', timeout: 20000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** Strips what can never match (paths, stack frames, PIDs) from stderr for comparison. */
export function normalizeStderr(s: string): string {
  return s
    .split('\n')
    .filter((l) => !/^\s+at /.test(l))
    .join('\n')
    .replace(/\(node:\d+\)/g, '(node:PID)')
    .replace(/^\/[^\n]*:\d+\n[^\n]*\n\s*\^\n\n?/gm, '');
}
