import type { NodeMajor } from './targets';

/**
 * The frames of Node's own JavaScript a stack trace shows below the program's code, per line:
 * under a CommonJS main module's top level (its module loader), under an ES module entry, and
 * under a timer, an immediate and a nextTick callback. Copied from the real builds in test/nodes
 * (test/unit/versions/internal-frames.test.ts prints them with each and compares); they are the
 * target's, never the host's, so a run imitating Node 26 from the extension host's Node 22 shows
 * Node 26's loader lines.
 */
export interface InternalFrames {
  /** Below a CommonJS main module's top level, innermost first. */
  cjsMain: string[];
  /** Below an ES module entry's top level. */
  esmMain: string[];
  /** Below a timer's callback (`listOnTimeout`, `processTimers`). */
  timer: string[];
  /** Below an immediate's callback. */
  immediate: string[];
  /** Below a nextTick callback. */
  tick: string[];
}

const at = (frame: string): string => `    at ${frame}`;

export const INTERNAL_FRAMES: Record<NodeMajor, InternalFrames> = {
  20: {
    cjsMain: [
      'Module._compile (node:internal/modules/cjs/loader:1521:14)',
      'Module._extensions..js (node:internal/modules/cjs/loader:1623:10)',
      'Module.load (node:internal/modules/cjs/loader:1266:32)',
      'Module._load (node:internal/modules/cjs/loader:1091:12)',
      'Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)',
      'node:internal/main/run_main_module:28:49',
    ].map(at),
    esmMain: [
      'ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
      'async ModuleLoader.import (node:internal/modules/esm/loader:606:24)',
      'async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)',
    ].map(at),
    timer: ['listOnTimeout (node:internal/timers:581:17)', 'process.processTimers (node:internal/timers:519:7)'].map(at),
    immediate: ['process.processImmediate (node:internal/timers:483:21)'].map(at),
    tick: ['process.processTicksAndRejections (node:internal/process/task_queues:77:11)'].map(at),
  },
  22: {
    cjsMain: [
      'Module._compile (node:internal/modules/cjs/loader:1781:14)',
      'Object..js (node:internal/modules/cjs/loader:1913:10)',
      'Module.load (node:internal/modules/cjs/loader:1505:32)',
      'Function._load (node:internal/modules/cjs/loader:1309:12)',
      'wrapModuleLoad (node:internal/modules/cjs/loader:254:19)',
      'Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:171:5)',
      'node:internal/main/run_main_module:36:49',
    ].map(at),
    esmMain: [
      'ModuleJob.run (node:internal/modules/esm/module_job:343:25)',
      'async onImport.tracePromise.__proto__ (node:internal/modules/esm/loader:681:26)',
      'async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)',
    ].map(at),
    timer: ['listOnTimeout (node:internal/timers:585:17)', 'process.processTimers (node:internal/timers:521:7)'].map(at),
    immediate: ['process.processImmediate (node:internal/timers:484:21)'].map(at),
    tick: ['process.processTicksAndRejections (node:internal/process/task_queues:84:11)'].map(at),
  },
  24: {
    cjsMain: [
      'Module._compile (node:internal/modules/cjs/loader:1929:14)',
      'Object..js (node:internal/modules/cjs/loader:2060:10)',
      'Module.load (node:internal/modules/cjs/loader:1651:32)',
      'Module._load (node:internal/modules/cjs/loader:1443:12)',
      'wrapModuleLoad (node:internal/modules/cjs/loader:261:19)',
      'Module.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:154:5)',
      'node:internal/main/run_main_module:33:47',
    ].map(at),
    esmMain: [
      'ModuleJob.run (node:internal/modules/esm/module_job:561:25)',
      'async node:internal/modules/esm/loader:647:26',
      'async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:101:5)',
    ].map(at),
    timer: ['listOnTimeout (node:internal/timers:685:17)', 'process.processTimers (node:internal/timers:618:7)'].map(at),
    immediate: ['process.processImmediate (node:internal/timers:574:21)'].map(at),
    tick: ['process.processTicksAndRejections (node:internal/process/task_queues:85:11)'].map(at),
  },
  26: {
    cjsMain: [
      'Module._compile (node:internal/modules/cjs/loader:1968:14)',
      'Object..js (node:internal/modules/cjs/loader:2108:10)',
      'Module.load (node:internal/modules/cjs/loader:1690:32)',
      'Module._load (node:internal/modules/cjs/loader:1480:12)',
      'wrapModuleLoad (node:internal/modules/cjs/loader:261:19)',
      'Module.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:171:5)',
      'node:internal/main/run_main_module:33:47',
    ].map(at),
    esmMain: [
      'ModuleJob.run (node:internal/modules/esm/module_job:569:25)',
      'async node:internal/modules/esm/loader:650:26',
      'async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:105:5)',
    ].map(at),
    timer: ['listOnTimeout (node:internal/timers:685:17)', 'process.processTimers (node:internal/timers:618:7)'].map(at),
    immediate: ['process.processImmediate (node:internal/timers:574:21)'].map(at),
    tick: ['process.processTicksAndRejections (node:internal/process/task_queues:85:11)'].map(at),
  },
};

/**
 * Node's frames under a callback, keyed by the runtime function that plays that part (the
 * stack mapper asks with the runtime frames' names, engine/stack-map.ts `callerFrames`).
 */
export function callbackFrames(line: NodeMajor): (names: string[]) => string[] | undefined {
  const frames = INTERNAL_FRAMES[line];
  const table: [RegExp, string[]][] = [
    [/^listOnTimeout\d*$/, frames.timer],
    [/^processImmediate\d*$/, frames.immediate],
    [/^runOneTick\d*$/, frames.tick],
  ];
  return (names) => table.find(([re]) => names.some((n) => re.test(n)))?.[1];
}
