/**
 * A small Promise for the direct harness: its reaction jobs go to the queue of the simulated
 * thread running now (DirectLoop.current), so each thread's microtasks drain inside its own
 * macrotask. Not the project's spec Promise (src/core/runtime): good enough for tests and
 * the benchmark of the simulation, not for ordering fidelity.
 */
type Settle = { ok: boolean; value: unknown };
type Reaction = (s: Settle) => void;

export type JobQueue = { enqueue(job: () => void): void };

export function makePromiseClass(jobs: () => JobQueue): PromiseConstructor {
  class DirectPromise {
    private state: Settle | undefined;
    private reactions: Reaction[] = [];

    constructor(executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void) {
      let done = false;
      const resolve = (v: unknown) => {
        if (!done) {
          done = true;
          this.resolveWith(v);
        }
      };
      const reject = (e: unknown) => {
        if (!done) {
          done = true;
          this.settle({ ok: false, value: e });
        }
      };
      try {
        executor(resolve, reject);
      } catch (e) {
        reject(e);
      }
    }

    private resolveWith(v: unknown): void {
      if (v === this) return this.settle({ ok: false, value: new TypeError('Chaining cycle') });
      if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
        let then: unknown;
        try {
          then = (v as { then?: unknown }).then;
        } catch (e) {
          return this.settle({ ok: false, value: e });
        }
        if (typeof then === 'function') {
          jobs().enqueue(() => {
            let called = false;
            try {
              (then as (a: (x: unknown) => void, b: (e: unknown) => void) => void).call(
                v,
                (x) => {
                  if (!called) {
                    called = true;
                    this.resolveWith(x);
                  }
                },
                (e) => {
                  if (!called) {
                    called = true;
                    this.settle({ ok: false, value: e });
                  }
                },
              );
            } catch (e) {
              if (!called) this.settle({ ok: false, value: e });
            }
          });
          return;
        }
      }
      this.settle({ ok: true, value: v });
    }

    private settle(s: Settle): void {
      if (this.state) return;
      this.state = s;
      for (const r of this.reactions.splice(0)) jobs().enqueue(() => r(s));
    }

    then(onOk?: (v: unknown) => unknown, onErr?: (e: unknown) => unknown): DirectPromise {
      return new DirectPromise((resolve, reject) => {
        const react: Reaction = (s) => {
          const h = s.ok ? onOk : onErr;
          if (typeof h !== 'function') return s.ok ? resolve(s.value) : reject(s.value);
          try {
            resolve(h(s.value));
          } catch (e) {
            reject(e);
          }
        };
        if (this.state) {
          const s = this.state;
          jobs().enqueue(() => react(s));
        } else this.reactions.push(react);
      });
    }

    catch(onErr?: (e: unknown) => unknown): DirectPromise {
      return this.then(undefined, onErr);
    }

    finally(f?: () => void): DirectPromise {
      return this.then(
        (v) => {
          f?.();
          return v;
        },
        (e) => {
          f?.();
          throw e;
        },
      );
    }

    static resolve(v?: unknown): DirectPromise {
      return v instanceof DirectPromise ? v : new DirectPromise((r) => r(v));
    }
    static reject(e?: unknown): DirectPromise {
      return new DirectPromise((_, j) => j(e));
    }
    static all(items: Iterable<unknown>): DirectPromise {
      const list = [...items];
      return new DirectPromise((resolve, reject) => {
        const out: unknown[] = new Array(list.length);
        let left = list.length;
        if (left === 0) resolve(out);
        list.forEach((p, i) =>
          DirectPromise.resolve(p).then((v) => {
            out[i] = v;
            if (--left === 0) resolve(out);
          }, reject),
        );
      }) as DirectPromise;
    }
    static allSettled(items: Iterable<unknown>): DirectPromise {
      return DirectPromise.all(
        [...items].map((p) =>
          DirectPromise.resolve(p).then(
            (value) => ({ status: 'fulfilled', value }),
            (reason) => ({ status: 'rejected', reason }),
          ),
        ),
      );
    }
    static race(items: Iterable<unknown>): DirectPromise {
      return new DirectPromise((resolve, reject) => {
        for (const p of items) DirectPromise.resolve(p).then(resolve, reject);
      });
    }
  }
  return DirectPromise as unknown as PromiseConstructor;
}
