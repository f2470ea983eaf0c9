/**
 * The object installed as `__asyncTimeline$` (instrumentation-api.ts): what instrumented code calls.
 */
import { EventKind } from '../trace/format';
import { runAsync } from './drivers/async-function';
import { runTopLevelAwait } from './top-level-await';
import { makeAsyncGenerator } from './drivers/async-generator';
import { asyncIterator, yieldStar } from './drivers/async-iteration';
import { AWAIT, YIELD } from './drivers/common';
import { shapeFunction, shapeMethods } from './function-shape';
import type { AwaitRequest, InstrumentationApi, SiteRow, YieldRequest } from './instrumentation-api';
import { isPromise, promiseId } from './promise';
import { evaluateModules, registerModule } from './modules';
import { rt } from './state';
import { usingApi, type UsingScope } from './modern/disposal';
import { evalSource } from './eval-source';

/** loop(): how often the real clock is looked at (a power of two minus one, as a mask). */
const LOOP_CHECK_MASK = 0x3fff;

/** instrumentation-api.ts `keepName`: the written name of a top-level function or class back, if the bundler changed it. */
function keepName(target: unknown, name: string): void {
  if (typeof target !== 'function') return;
  const own = Object.getOwnPropertyDescriptor(target, 'name');
  if (own === undefined || !('value' in own) || typeof own.value !== 'string' || own.value === name || !own.configurable) return;
  Object.defineProperty(target, 'name', { value: name });
}

export function makeInstrumentation(): InstrumentationApi {
  let loopCount = 0;
  let loopStretch = -1;
  let loopStart = 0;

  const budgetError = (site: number): Error => {
    const s = rt.rec.sites[site];
    const where = s !== undefined && site !== 0 ? ` at ${rt.rec.files[s.file]}:${s.line}:${s.column}` : '';
    const ms = rt.host.options.budgets.realTimeMs;
    const err = new Error(`budget: synchronous code ran longer than ${ms} ms of real time in a loop${where}`);
    Object.defineProperty(err, 'name', { value: 'AsyncTimelineBudgetError', enumerable: false, configurable: true, writable: true });
    Object.assign(err, { code: 'ERR_ASYNC_TIMELINE_BUDGET', site });
    return err;
  };

  const api: InstrumentationApi = {
    usingScope: usingApi.usingScope,
    using: (scope, value, isAwait) => usingApi.using(scope as UsingScope, value, isAwait),
    usingThrew: (scope, error) => usingApi.usingThrew(scope as UsingScope, error),
    disposeScope: (scope) => usingApi.disposeScope(scope as UsingScope),
    disposeScopeAsync: (scope) => usingApi.disposeScopeAsync(scope as UsingScope),
    evalSource,
    constTarget(read: () => unknown): { v: unknown } {
      return {
        get v() { return read(); },
        set v(_value: unknown) {
          read();
          throw new TypeError('Assignment to constant variable.');
        },
      };
    },
    keepName,
    keepNames(...pairs: unknown[]): void {
      for (let i = 0; i + 1 < pairs.length; i += 2) keepName(pairs[i], pairs[i + 1] as string);
    },
    discard(value: unknown, site: number): void {
      if (rt.tracing && isPromise(value)) rt.rec.emit(EventKind.PromiseDiscarded, promiseId(value), 0, site);
    },
    promiseSite<T>(promise: T, site: number): T {
      if (rt.tracing && isPromise(promise)) rt.rec.emit(EventKind.PromiseSite, promiseId(promise), 0, site);
      return promise;
    },
    sites(file: string, rows: SiteRow[]): number {
      const rec = rt.rec;
      const f = rec.file(file);
      let first = rec.sites.length;
      for (const [line, column, kind, label] of rows) rec.site({ file: f, line, column, kind, label });
      if (rows.length === 0) first = 0;
      return first;
    },
    async: runAsync as unknown as InstrumentationApi['async'],
    tla: runTopLevelAwait as unknown as InstrumentationApi['tla'],
    // Named `asyncGenerator` in stack frames, as runAsync: engine/stack-map.ts ASYNC_START_FRAMES.
    asyncGenerator: ((body, thisArg, args, site, self) => makeAsyncGenerator(body, thisArg, args, site, undefined, self)) as InstrumentationApi['asyncGenerator'],
    await(value: unknown, site: number): AwaitRequest {
      AWAIT.__await = value;
      AWAIT.site = site;
      return AWAIT;
    },
    yield(value: unknown, site: number): YieldRequest {
      YIELD.__await = value;
      YIELD.site = site;
      return YIELD;
    },
    yieldStar,
    fn: shapeFunction,
    methods: shapeMethods,
    asyncIterator: asyncIterator as InstrumentationApi['asyncIterator'],
    syncYield<T>(value: T, site: number): T {
      if (rt.tracing) rt.rec.emit(EventKind.TaskYield, rt.task, site, 0);
      return value;
    },
    moduleRecord: registerModule,
    evaluateModules: evaluateModules as unknown as InstrumentationApi['evaluateModules'],
    callSite(site: number): void {
      rt.callSite = site;
    },
    loop(site: number): void {
      if ((++loopCount & LOOP_CHECK_MASK) !== 0) return;
      if (rt.budgetError !== undefined) throw rt.budgetError;
      const now = rt.host.realNow();
      if (rt.stretch !== loopStretch) {
        loopStretch = rt.stretch;
        loopStart = now;
        return;
      }
      if (now - loopStart > rt.host.options.budgets.realTimeMs) {
        rt.budgetError = budgetError(site);
        throw rt.budgetError;
      }
    },
  };
  return api;
}
