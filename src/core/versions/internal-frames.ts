import type { NodeMajor } from './targets';

/**
 * The frames of Node's own JavaScript a stack trace shows below the program's code, per line:
 * under a CommonJS main module's top level (its module loader), under an ES module entry, and
 * under a timer, an immediate, a nextTick callback and a microtask. Copied from the real builds in test/nodes
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
  /** Below a promise job or queueMicrotask callback run by processTicksAndRejections's runMicrotasks(). */
  microtaskInTicks: string[];
  /** Between a queueMicrotask callback and what ran it (Node 20/22 wrap it in an AsyncResource). */
  queueMicrotask: string[];
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
    microtaskInTicks: ['process.processTicksAndRejections (node:internal/process/task_queues:95:5)'].map(at),
    queueMicrotask: ['node:internal/process/task_queues:140:7', 'AsyncResource.runInAsyncScope (node:async_hooks:206:9)', 'AsyncResource.runMicrotask (node:internal/process/task_queues:137:8)'].map(at),
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
    microtaskInTicks: ['process.processTicksAndRejections (node:internal/process/task_queues:103:5)'].map(at),
    queueMicrotask: ['node:internal/process/task_queues:149:7', 'AsyncResource.runInAsyncScope (node:async_hooks:214:14)', 'AsyncResource.runMicrotask (node:internal/process/task_queues:146:8)'].map(at),
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
    microtaskInTicks: ['process.processTicksAndRejections (node:internal/process/task_queues:104:5)'].map(at),
    queueMicrotask: [],
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
    microtaskInTicks: ['process.processTicksAndRejections (node:internal/process/task_queues:104:5)'].map(at),
    queueMicrotask: [],
  },
};

/**
 * Node's frames under a callback, found by the runtime functions that ran it (the stack mapper
 * gives the names of the runtime's frames under the program's outermost frame, innermost first;
 * engine/stack-map.ts `callerFrames`). The innermost one that plays a part of Node's decides:
 * a microtask queue drain (`runMicrotasks`) shows Node's frames only when processTicksAndRejections
 * ran it — V8 drains the queue at other times with no JavaScript below — plus, on 20/22, the
 * AsyncResource frames of a queueMicrotask callback.
 */
export function callbackFrames(line: NodeMajor): (names: string[]) => string[] | undefined {
  const frames = INTERNAL_FRAMES[line];
  const table: [RegExp, string[]][] = [
    [/^listOnTimeout\d*$/, frames.timer],
    [/^processImmediate\d*$/, frames.immediate],
    [/^runOneTick\d*$/, frames.tick],
  ];
  return (names) => {
    for (let i = 0; i < names.length; i++) {
      if (/^runMicrotasks\d*$/.test(names[i])) {
        const queued = names.slice(0, i).some((n) => /^runMicrotaskJob\d*$/.test(n)) ? frames.queueMicrotask : [];
        const fromTicks = /^processTicksAndRejections\d*$/.test(names[i + 1] ?? '') ? frames.microtaskInTicks : [];
        return queued.length + fromTicks.length > 0 ? [...queued, ...fromTicks] : undefined;
      }
      const found = table.find(([re]) => re.test(names[i]));
      if (found) return found[1];
    }
    return undefined;
  };
}
