/**
 * A tiny reference implementation of the instrumentation API on native promises, for testing
 * the transformer alone: instrumented code run through it must print what the original code
 * prints natively (for programs whose output does not depend on exact tick counts).
 */
import type { SiteRow } from '../../../src/core/runtime/instrumentation-api';

type Gen = Generator<any, any, any>;
interface Req { __await?: unknown; __yield?: unknown; site: number }

export interface ReferenceDriver {
  api: Record<string, (...a: any[]) => any>;
  sites: SiteRow[];
  loops: number;
  yields: number[];
}

export function referenceDriver(): ReferenceDriver {
  const state: ReferenceDriver = { api: {}, sites: [], loops: 0, yields: [] };

  function drive(gen: Gen, resolve: (v: unknown) => void, reject: (e: unknown) => void, method: 'next' | 'throw', arg: unknown): void {
    let r: IteratorResult<Req, unknown>;
    try {
      r = gen[method](arg);
    } catch (e) {
      reject(e);
      return;
    }
    if (r.done) return resolve(r.value);
    Promise.resolve(r.value.__await).then(
      (v) => drive(gen, resolve, reject, 'next', v),
      (e) => drive(gen, resolve, reject, 'throw', e),
    );
  }

  function asyncIterator(iterable: any): AsyncIterator<unknown> {
    if (iterable[Symbol.asyncIterator]) return iterable[Symbol.asyncIterator]();
    const it = iterable[Symbol.iterator]();
    const wrap = (r: IteratorResult<unknown>) => Promise.resolve(r.value).then((value) => ({ value, done: r.done }));
    return {
      next: (v?: unknown) => wrap(it.next(v)),
      return: (v?: unknown) => (it.return ? wrap(it.return(v)) : Promise.resolve({ value: v, done: true })),
    } as AsyncIterator<unknown>;
  }

  state.api = {
    sites(_file: string, rows: SiteRow[]) {
      const base = state.sites.length;
      state.sites.push(...rows);
      return base;
    },
    async(body: (...a: unknown[]) => Gen, thisArg: unknown, args: ArrayLike<unknown>) {
      return new Promise((resolve, reject) => {
        let gen: Gen;
        try {
          gen = body.apply(thisArg, Array.from(args));
        } catch (e) {
          reject(e);
          return;
        }
        drive(gen, resolve, reject, 'next', undefined);
      });
    },
    asyncGenerator(body: (...a: unknown[]) => Gen, thisArg: unknown, args: ArrayLike<unknown>) {
      async function* wrapper(): AsyncGenerator<unknown, unknown, unknown> {
        const gen = body.apply(thisArg, Array.from(args));
        let method: 'next' | 'throw' | 'return' = 'next';
        let input: unknown;
        let finished = false;
        try {
          for (;;) {
            const r = gen[method](input);
            if (r.done) {
              finished = true;
              return await r.value;
            }
            if ('__await' in r.value) {
              try {
                input = await r.value.__await;
                method = 'next';
              } catch (e) {
                input = e;
                method = 'throw';
              }
            } else {
              input = yield r.value.__yield;
              method = 'next';
            }
          }
        } finally {
          if (!finished) gen.return(undefined);
        }
      }
      return wrapper();
    },
    // The functions' face (prototype chain, toString) is the runtime's business, not these specs'.
    fn: <F>(f: F) => f,
    methods: <O>(owner: O) => owner,
    await: (value: unknown, site: number) => ({ __await: value, site }),
    yield: (value: unknown, site: number) => ({ __yield: value, site }),
    *yieldStar(iterable: unknown): Gen {
      const it = asyncIterator(iterable);
      let input: unknown;
      for (;;) {
        const r = yield { __await: it.next(input), site: 0 };
        if (r.done) return r.value;
        input = yield { __yield: r.value, site: 0 };
      }
    },
    asyncIterator,
    syncYield(value: unknown, site: number) {
      state.yields.push(site);
      return value;
    },
    loop() {
      state.loops++;
    },
    discard() {},
    // A function's or class's name after the bundler (instrument/top-level-names.ts): there is none here.
    keepName() {},
    keepNames() {},
    promiseSite<T>(promise: T): T {
      return promise;
    },
    callSite() {
      // the sites of timer calls matter to the runtime's trace only
    },
  };
  return state;
}
