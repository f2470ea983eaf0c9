/**
 * The contract between instrumented code (what `src/core/instrument` emits) and the
 * simulated runtime (`src/core/runtime`), which installs an object of this type in the
 * sandbox's global scope under the name `INSTRUMENTATION_GLOBAL`.
 *
 * Instrumented code calls nothing else of ours. Every async construct of the user's code is
 * rewritten into a *sync* generator driven by these functions, so no user `await` ever runs
 * on V8's own promise machinery (whose order and timing would escape the simulation).
 *
 * Shapes the transformer emits (`$` stands for the global below, `S` for a site id):
 *
 *   // once per instrumented file, before anything else in it:
 *   var $s = $.sites("samples/chat.ts", [[line, column, kind, label], ...]);   // site id = $s + index
 *
 *   async function f(a, b = 1) { BODY }
 *     → var f = $.fn({ "f"(a) { return $.async(function* (a, b = 1) { BODY' }, this, arguments, $s + k); } }["f"], 0, "<source>");
 *       (hoisted to the top of its scope; the outer function is a method — not constructible, no
 *        own `prototype` — and `$.fn` gives it an async function's face: instrument/async-shape.ts,
 *        runtime/function-shape.ts; async methods stay methods and are shaped by `$.methods`;
 *        outer parameters: one per parameter before the first default/rest, so `f.length` is kept;
 *        `this`, `arguments`, `super` and `new.target` of BODY are captured by the transformer as
 *        TypeScript's own ES2017 lowering does)
 *   await X                      → (yield $.await(X, S))
 *   async function* g() { BODY } → var g = ((self) => self = $.fn({ "g"() { return $.asyncGenerator(function* () { BODY' }, this, arguments, $s + k, self); } }["g"], 1, "<source>"))();
 *                                  (`self`: the function, whose `prototype` its objects inherit from; methods pass none)
 *     in BODY':  await X   → (yield $.await(X, S))
 *                yield X   → (yield $.yield(X, S))
 *                yield* X  → (yield* $.yieldStar(X, S))
 *                return X  → return X            (the driver awaits it, as the spec says)
 *   c = v, c += v, c++, [c] = xs, for (c of xs) …  where `c` is a const/using binding (instrument/const-assign.ts)
 *                                → the target becomes `$.constTarget(() => c).v` (a TypeError when it runs, as V8;
 *                                  esbuild would refuse to bundle the file)
 *   for await (const x of xs) S  → lowered with $.asyncIterator(xs, S) and `yield $.await(it.next(), S)`,
 *                                  closing the iterator (await it.return()) on break/return/throw.
 *   function* s() { … yield X … } (sync generator)
 *                                → `yield X` becomes `yield $.syncYield(X, S)` (records the yield only).
 *   while (…) S / for (…) S / do S while (…) — at every loop back-edge (start of each iteration):
 *                                → `$.loop(S);` as the loop body's first statement (S: the loop's site).
 *   f(x);  (an expression statement whose expression is a call, but not `p.catch(…)`, `p.then(a, b)`,
 *           `super(…)`, `import(…)`)  → `$.discard(f(x), S);`  (records a dropped promise)
 *   new Promise(…)               → `$.promiseSite(new Promise(…), S)`  (records where it was made)
 *   (neither in Node's own layer, files named `node:…`)
 *   setTimeout(…) / setInterval(…) / setImmediate(…)  (called by name)
 *                                → `($.callSite(S), setTimeout(…))`: the schedule event records the site.
 *   eval(x, …)  (a direct eval; targets with `using` only)
 *                                → `eval($.evalSource(eval, x), …)` (instrument/direct-eval.ts)
 *   module records (a non-entry module has a top-level await; engine/bundle.ts):
 *                                → `$.moduleRecord("/abs/file.ts", hasTLA, function* () { statements }, S)`
 *                                  per ES module (declarations hoisted as below), then at the bundle's end
 *                                  `__asyncTimeline$main = $.evaluateModules(entry, graph)`.
 *   top-level await in an ES module → the module body runs as `$.tla(function* () { … }, S)` (an async function body)
 *                                  with imports/exports hoisted; the runtime treats its promise as the module's evaluation.
 */

/** The sandbox global through which instrumented code reaches the runtime; a name no user code uses. */
export const INSTRUMENTATION_GLOBAL = '__asyncTimeline$';

/**
 * `import(x)` in a bundle of module records (runtime/modules.ts importRecord): a global whose
 * name is exactly as long as the `Promise.resolve().then` it replaces in esbuild's output, so
 * the bundle's columns — and its source map — stay as they are.
 */
export const IMPORT_RECORD_GLOBAL = '__asyncTimeline$import';

/** One row of a file's site table: [line (1-based), column (1-based), kind, label]. */
export type SiteRow = [line: number, column: number, kind: SiteKind, label: string];
export type SiteKind = 'await' | 'yield' | 'function' | 'call' | 'for-await' | 'timer' | 'tick' | 'other';

/** Marker objects the coroutine generators yield to their driver. Opaque to instrumented code. */
export interface AwaitRequest { readonly __await: unknown; readonly site: number }
export interface YieldRequest { readonly __yield: unknown; readonly site: number }

export interface InstrumentationApi {
  /** Registers a file's sites; returns the id of row 0 (ids of a file are consecutive). The function site's label is the task name. */
  sites(file: string, rows: SiteRow[]): number;
  /** Runs an async function body: makes a task, starts the generator synchronously, returns the task's promise. */
  async(body: (...args: unknown[]) => Generator<unknown, unknown, unknown>, thisArg: unknown, args: ArrayLike<unknown>, site: number): Promise<unknown>;
  /** Runs an ES module's top-level-await body as an async function body; returns its promise (the module's evaluation). */
  tla(body: () => Generator<unknown, unknown, unknown>, site: number): Promise<unknown>;
  /** Makes an async generator object driven by the body (spec AsyncGenerator request queue semantics). */
  asyncGenerator(body: (...args: unknown[]) => Generator<unknown, unknown, unknown>, thisArg: unknown, args: ArrayLike<unknown>, site: number, self?: object): AsyncGenerator<unknown, unknown, unknown>;
  /**
   * Gives an instrumented async (generator) function (kind 0 / 1) the face of one: prototype
   * chain, toStringTag, `prototype` of a generator function, `source` for toString, inspect.
   */
  fn<F extends object>(f: F, kind: 0 | 1, source: string): F;
  /**
   * The reference an assignment to a `const`/`using` binding becomes (instrument/const-assign.ts):
   * reading `v` reads the binding; putting `v` reads it (its TDZ error first) and throws V8's TypeError.
   */
  constTarget(read: () => unknown): { v: unknown };
  /** Shapes the async methods of an object literal / class: rows [key, kind, source, onOwner]. */
  methods<O extends object>(owner: O, rows: [key: string, kind: 0 | 1, source: string, onOwner: 0 | 1][]): O;
  /** What an `await X` yields to the driver. */
  await(value: unknown, site: number): AwaitRequest;
  /** What a `yield X` inside an async generator yields to the driver. */
  yield(value: unknown, site: number): YieldRequest;
  /** Delegation for `yield* X` inside an async generator (spec semantics, incl. AsyncFromSyncIterator). */
  yieldStar(iterable: unknown, site: number): Generator<unknown, unknown, unknown>;
  /** GetIterator(obj, async): the async iterator for `for await`, wrapping sync iterables (CreateAsyncFromSyncIterator). */
  asyncIterator(iterable: unknown, site: number): AsyncIterator<unknown>;
  /** Records a sync generator's yield; returns the value unchanged. */
  syncYield<T>(value: T, site: number): T;
  /**
   * Called at every loop back-edge. Cheap (a counter; the host's real clock is read only every
   * ~10k calls). Throws an error with name 'AsyncTimelineBudgetError' (see host-api.ts
   * `BudgetErrorShape`) naming the site when the current synchronous stretch of user code has run
   * longer than the real-time budget; once thrown it throws on every later call.
   */
  loop(site: number): void;
  /** `using` / `await using` declarations, as instrument/using.ts lowers them (runtime/modern/disposal.ts). */
  usingScope(): unknown;
  using(scope: unknown, value: unknown, isAwait: boolean): unknown;
  usingThrew(scope: unknown, error: unknown): void;
  disposeScope(scope: unknown): void;
  disposeScopeAsync(scope: unknown): Generator<unknown, void, unknown>;
  /**
   * The text of a direct eval (`eval(x)` → `eval($.evalSource(eval, x))`, instrument/direct-eval.ts,
   * targets with `using` only): `x`, or `x` lowered when the host V8 cannot parse its `using`
   * declarations (runtime/eval-source.ts).
   */
  evalSource(callee: unknown, source: unknown): unknown;
  /**
   * `name` as the `name` of a top-level function or class the bundler declared under another
   * (instrument/top-level-names.ts); nothing if it already is, or if the `name` is the program's
   * own (not a string data property).
   */
  keepName(target: unknown, name: string): void;
  /** keepName of each pair: `keepNames(helper, "helper", other, "other")`. */
  keepNames(...pairs: unknown[]): void;
  /** An expression statement dropped `value`: records it if it is one of our promises (floating-promise analysis). */
  discard(value: unknown, site: number): void;
  /** `new Promise(…)` at `site` made `promise`: records where; returns it unchanged. */
  promiseSite<T>(promise: T, site: number): T;
  /** The timer call that follows (`setTimeout`, `setInterval`, `setImmediate`) is at `site`: its schedule event records it. */
  callSite(site: number): void;
  /**
   * ES module records (runtime/modules.ts), when a module other than the entry has a top-level
   * await: each module's statements are registered, then the entry's evaluation is driven.
   */
  moduleRecord(id: string, hasTLA: boolean, body: () => Generator<unknown, unknown, unknown>, site: number): void;
  /** Evaluate() of the entry's module record; `graph`: each module's imported ids in source order. Returns the evaluation promise. */
  evaluateModules(entry: string, graph: Record<string, string[]>): Promise<unknown>;
}
