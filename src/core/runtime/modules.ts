/**
 * ES module evaluation with top-level await across modules (ECMA-262 §16.2.1.5.3, Evaluate /
 * InnerModuleEvaluation / ExecuteAsyncModule / AsyncModuleExecutionFulfilled / …Rejected), on
 * the simulated promise machinery, so that every tick is the spec's.
 *
 * Used when a module other than the entry has a top-level await (engine/bundle.ts "module
 * records"): the bundle is still one scope-hoisted script, but each ES module's *statements*
 * are a registered generator (instrument/module-tla.ts keeps its declarations at module level),
 * `$.moduleRecord(id, hasTLA, body, site)`; after the bundle's top level has registered them all,
 * `$.evaluateModules(entry, graph)` runs the spec's algorithm from the entry. A module without a
 * top-level await runs synchronously (its generator never yields); one with it runs as an async
 * function body whose promise plays the module's capability. Sibling modules without await run
 * before an awaiting one settles, and an importer runs a tick after its last async dependency,
 * as in Node.
 */
import { runTopLevelAwait } from './top-level-await';
import { createResolvingFunctions, performThen, PromiseImpl, ReactionKind, resolvePromise } from './promise';
import { performPromiseThen } from './promise-api';
import type { Resumable } from './promise';
import { isAbort, rt } from './state';

type Body = () => Generator<unknown, unknown, unknown>;

const enum Status { Linked, Evaluating, EvaluatingAsync, Evaluated }

interface ModuleRecord {
  id: string;
  hasTLA: boolean;
  body: Body;
  site: number;
  requested: ModuleRecord[];
  status: Status;
  /** [[EvaluationError]]: set (with `failed`) when its evaluation threw. */
  error: unknown;
  failed: boolean;
  dfsIndex: number;
  dfsAncestorIndex: number;
  cycleRoot: ModuleRecord | null;
  /** [[AsyncEvaluation]] order (0 = false). */
  asyncOrder: number;
  asyncParents: ModuleRecord[];
  pendingAsyncDeps: number;
  /** [[TopLevelCapability]] (the entry's only). */
  capability: [PromiseImpl, (v?: unknown) => void, (e?: unknown) => void] | null;
}

const records = new Map<string, ModuleRecord>();
/** The records in the order they were registered (a dynamic import registers its module last). */
const registered: ModuleRecord[] = [];
/** The evaluation of each module a dynamic import brought in, by its namespace object (a second import waits for it too). */
const importedEvaluations = new WeakMap<object, PromiseImpl>();
/** The bundle's whole graph (evaluateModules), for modules a dynamic import brings in later. */
let knownGraph: Record<string, string[]> = {};
let asyncOrderCounter = 0;
/** Inside an `import()`'s load (importRecord): the modules registered now are evaluated by it. */
let loadingImports = 0;

/**
 * `$.moduleRecord(id, hasTLA, body, site)`: registers one module's statements (not run yet).
 *
 * With a CommonJS entry (a bundle of records because it `import()`s a module with a top-level
 * await) no static graph is evaluated: a module registered outside an `import()`'s load was
 * reached by `require()` (esbuild's `(init_x(), __toCommonJS(x_exports))`), and require(esm)
 * evaluates it at once, synchronously. Its own imports registered first, and so ran first:
 * Node's post-order. A required graph with a top-level await is refused before the run
 * (engine/bundle.ts), as Node's require() refuses it.
 */
export function registerModule(id: string, hasTLA: boolean, body: Body, site: number): void {
  const record: ModuleRecord = {
    id, hasTLA, body, site, requested: [], status: Status.Linked, error: undefined, failed: false,
    dfsIndex: -1, dfsAncestorIndex: -1, cycleRoot: null, asyncOrder: 0, asyncParents: [], pendingAsyncDeps: 0, capability: null,
  };
  records.set(id, record);
  registered.push(record);
  if (loadingImports === 0 && rt.host.options.moduleKind === 'commonjs') evaluateGraph(record);
}

/**
 * InnerModuleEvaluation from `module` (Evaluate's steps 6–8): a throw leaves every module still
 * on the stack evaluated with that error, and is rethrown. For require() of an ES module without
 * a top-level await, this is all: its statements run now, and a throw is the require()'s.
 */
function evaluateGraph(module: ModuleRecord): void {
  const stack: ModuleRecord[] = [];
  try {
    innerModuleEvaluation(module, stack, 0);
  } catch (e) {
    if (!isAbort(e)) {
      for (const m of stack) {
        m.status = Status.Evaluated;
        m.error = e;
        m.failed = true;
      }
    }
    throw e;
  }
}

/**
 * `import(x)` of an ES module in a bundle of module records (engine/bundle.ts rewrites esbuild's
 * `Promise.resolve().then(() => (init_x(), x_exports))` into `$.importRecord(() => (init_x(), x_exports))`).
 * esbuild's `init_x()` only registers the module's record (and its dependencies'); here the
 * newly registered module is then evaluated like an entry — its top-level await included — and
 * the import's promise settles with the namespace once that evaluation has (with its error if it
 * failed), as Node's import() does. One tick first, as esbuild's form (Node's loader takes its
 * own ticks, which the simulation does not imitate).
 */
export function importRecord(load: () => unknown): PromiseImpl {
  const start = new PromiseImpl();
  resolvePromise(start, undefined);
  const result = new PromiseImpl();
  performPromiseThen(start, () => {
    const before = registered.length;
    let namespace: unknown;
    loadingImports++;
    try {
      namespace = load();
    } finally {
      loadingImports--;
    }
    const target = registered.length > before ? registered[registered.length - 1] : undefined;
    let evaluation = importedEvaluations.get(namespace as object);
    if (target !== undefined) {
      evaluation = evaluateModules(target.id, knownGraph);
      importedEvaluations.set(namespace as object, evaluation);
    }
    // Imported before by the static graph: evaluated (or evaluating) with it.
    if (evaluation === undefined) return namespace;
    const loaded = new PromiseImpl();
    performPromiseThen(evaluation, () => namespace, undefined, loaded);
    return loaded;
  }, undefined, result);
  return result;
}

/**
 * `$.evaluateModules(entry, graph)`: Evaluate() of the entry's record. `graph` maps a module id
 * to the ids it imports, in source order (ids that were not registered — CommonJS files,
 * built-ins — are left out: they run where esbuild's bundle runs them). Returns the evaluation
 * promise, which the loop treats as the main module's (runMain).
 */
export function evaluateModules(entry: string, graph: Record<string, string[]>): PromiseImpl {
  knownGraph = graph;
  for (const [id, deps] of Object.entries(graph)) {
    const m = records.get(id);
    if (m !== undefined) m.requested = deps.map((d) => records.get(d)).filter((d): d is ModuleRecord => d !== undefined);
  }
  const module = records.get(entry);
  const promise = new PromiseImpl();
  const [resolve, reject] = createResolvingFunctions(promise);
  if (module === undefined) {
    resolve(undefined);
    return promise;
  }
  module.capability = [promise, resolve, reject];
  try {
    evaluateGraph(module);
  } catch (e) {
    if (isAbort(e)) throw e;
    reject(e);
    return promise;
  }
  if (module.asyncOrder === 0) resolve(undefined);
  return promise;
}

function innerModuleEvaluation(module: ModuleRecord, stack: ModuleRecord[], index: number): number {
  if (module.status === Status.EvaluatingAsync || module.status === Status.Evaluated) {
    const root = module.cycleRoot ?? module;
    if (root.failed) throw root.error;
    return index;
  }
  if (module.status === Status.Evaluating) return index;
  module.status = Status.Evaluating;
  module.dfsIndex = module.dfsAncestorIndex = index++;
  module.pendingAsyncDeps = 0;
  stack.push(module);
  for (let required of module.requested) {
    index = innerModuleEvaluation(required, stack, index);
    if (required.status === Status.Evaluating) {
      module.dfsAncestorIndex = Math.min(module.dfsAncestorIndex, required.dfsAncestorIndex);
    } else {
      required = required.cycleRoot ?? required;
      if (required.failed) throw required.error;
    }
    if (required.asyncOrder !== 0) {
      module.pendingAsyncDeps++;
      required.asyncParents.push(module);
    }
  }
  if (module.pendingAsyncDeps > 0 || module.hasTLA) {
    module.asyncOrder = ++asyncOrderCounter;
    if (module.pendingAsyncDeps === 0) executeAsyncModule(module);
  } else {
    executeSync(module);
  }
  if (module.dfsAncestorIndex === module.dfsIndex) {
    let done: ModuleRecord;
    do {
      done = stack.pop()!;
      done.status = done.asyncOrder !== 0 ? Status.EvaluatingAsync : Status.Evaluated;
      done.cycleRoot = module;
    } while (done !== module);
  }
  return index;
}

/** ExecuteModule() of a module without a top-level await: its generator runs to its end. */
function executeSync(module: ModuleRecord): void {
  module.body().next();
}

/** ExecuteAsyncModule: the body as an async function; its settlement continues the graph. */
function executeAsyncModule(module: ModuleRecord): void {
  const promise = runTopLevelAwait(module.body, module.site);
  const watcher: Resumable = {
    task: 0,
    resume(value, rejected) {
      if (rejected) asyncModuleExecutionRejected(module, value);
      else asyncModuleExecutionFulfilled(module);
    },
  };
  performThen(promise, ReactionKind.Resume, undefined, undefined, watcher);
}

function asyncModuleExecutionFulfilled(module: ModuleRecord): void {
  if (module.status === Status.Evaluated) return; // already failed
  module.status = Status.Evaluated;
  module.capability?.[1](undefined);
  const execList: ModuleRecord[] = [];
  gatherAvailableAncestors(module, execList);
  execList.sort((a, b) => a.asyncOrder - b.asyncOrder);
  for (const m of execList) {
    if ((m.cycleRoot ?? m).failed) continue;
    if (m.hasTLA) {
      executeAsyncModule(m);
      continue;
    }
    try {
      executeSync(m);
    } catch (e) {
      if (isAbort(e)) throw e; // process.exit() and budget stops unwind, they are not the module's error
      asyncModuleExecutionRejected(m, e);
      continue;
    }
    m.status = Status.Evaluated;
    m.capability?.[1](undefined);
  }
}

function gatherAvailableAncestors(module: ModuleRecord, execList: ModuleRecord[]): void {
  for (const m of module.asyncParents) {
    if (execList.includes(m) || (m.cycleRoot ?? m).failed) continue;
    if (--m.pendingAsyncDeps === 0) {
      execList.push(m);
      if (!m.hasTLA) gatherAvailableAncestors(m, execList);
    }
  }
}

function asyncModuleExecutionRejected(module: ModuleRecord, error: unknown): void {
  if (module.status === Status.Evaluated) return;
  module.error = error;
  module.failed = true;
  module.status = Status.Evaluated;
  for (const m of module.asyncParents) asyncModuleExecutionRejected(m, error);
  module.capability?.[2](error);
}
