/**
 * Transformer specs as data. Each program runs twice — compiled plainly and run natively, and
 * instrumented and run on the reference driver — and must print the same lines. `sites`
 * lists rows the file's site table must contain; `emits` are patterns the output must match.
 * Programs may use `log(...)` and `sleep(ms)`; they should finish within a few ms.
 */
import type { SiteRow } from '../../../src/core/runtime/instrumentation-api';

export interface TransformSpec {
  name: string;
  code: string;
  sites?: SiteRow[];
  emits?: RegExp[];
  /** Skip the native comparison (e.g. the output is only checked by shape). */
  shapeOnly?: boolean;
  fileName?: string;
}

export const specs: TransformSpec[] = [
  {
    name: 'async function declaration: order, values, site labels',
    code: `async function count(n: number): Promise<number> {
  log('start', n);
  await sleep(1);
  log('end', n);
  return n * 2;
}
Promise.all([count(1), count(2)]).then((r) => log('all', r));`,
    sites: [
      [1, 1, 'function', 'count'],
      [3, 3, 'await', 'sleep(1)'],
    ],
  },
  {
    name: 'Promise.all over an array literal is labelled with its size',
    code: `async function main() { const r = await Promise.all([1, 2, 3]); log(r); }\nmain();`,
    sites: [[1, 35, 'await', 'Promise.all [3]']],
  },
  {
    name: 'function length is kept, defaults and rest evaluated inside',
    code: `async function f(a, b, c = 3, ...rest) { return [a, b, c, rest]; }
log(f.length);
f(1, 2).then((v) => log(JSON.stringify(v)));
f(1, 2, 9, 8, 7).then((v) => log(JSON.stringify(v)));`,
  },
  {
    name: 'this and arguments inside async functions and arrows',
    code: `const o = {
  name: 'o',
  async m(x) { await 0; return [this.name, arguments.length, x]; },
  n() { const f = async () => { await 0; return [this.name, arguments[0]]; }; return f(); },
};
o.m(1, 2).then((v) => log(JSON.stringify(v)));
o.n('arg').then((v) => log(JSON.stringify(v)));`,
    sites: [[3, 3, 'function', 'o.m']],
  },
  {
    name: 'class methods: static, private, super, class-field arrows',
    code: `class Base { greet(s) { return 'base:' + s; } static kind() { return 'B'; } }
class Server extends Base {
  tag = 'srv';
  static async create() { await 0; return super.kind() + 'x'; }
  async #priv(x) { await 0; return super.greet(x) + ':' + this.tag; }
  handle = async (x) => { const r = await this.#priv(x); return r + '|' + super.greet('f'); };
  async run(x) { return await this.handle(x); }
}
Server.create().then(log);
new Server().run('q').then(log);`,
    sites: [
      [4, 3, 'function', 'Server.create'],
      [5, 3, 'function', 'Server.#priv'],
      [6, 12, 'function', 'Server.handle'],
      [7, 3, 'function', 'Server.run'],
    ],
  },
  {
    name: 'errors reject, try/catch/finally across awaits',
    code: `async function fail() { await 0; throw new Error('boom'); }
async function main() {
  try { await fail(); } catch (e) { log('caught', e.message); } finally { log('finally'); }
  try { await Promise.reject(new Error('r')); } catch (e) { log('caught', e.message); }
  return 'done';
}
main().then(log);`,
  },
  {
    name: 'async generators: yield, yield*, await, return, consumer break',
    code: `async function* inner() { yield 'a'; await sleep(1); yield 'b'; }
async function* gen() {
  try {
    yield 1;
    yield* inner();
    yield* [2, 3];
    const x = await Promise.resolve(4);
    yield x;
  } finally {
    log('gen finally');
  }
}
async function main() {
  for await (const v of gen()) log('got', v);
  for await (const v of gen()) { log('first', v); break; }
  const it = gen();
  log(JSON.stringify(await it.next()), JSON.stringify(await it.return(9)));
}
main();`,
    sites: [
      [2, 1, 'function', 'gen'],
      [4, 5, 'yield', '1'],
      [5, 5, 'yield', 'yield* inner()'],
      [14, 3, 'for-await', 'gen()'],
    ],
  },
  {
    name: 'for await: sync iterables of promises, labels, continue, destructuring, assignment target',
    code: `async function main() {
  outer: for await (const [k, v] of [Promise.resolve(['a', 1]), ['b', 2], ['c', 3]]) {
    if (k === 'a') continue outer;
    for (const i of [1, 2]) { if (i === 2) continue outer; log(k, v, i); }
  }
  let x;
  for await (x of [1, 2]) log('x', x);
  log('last', x);
}
main();`,
  },
  {
    name: 'for await closes the iterator on break, return and throw',
    code: `function src(tag) {
  let i = 0;
  return {
    [Symbol.asyncIterator]() { return this; },
    next() { return Promise.resolve({ value: i++, done: i > 5 }); },
    return() { log('closed', tag); return Promise.resolve({ done: true }); },
  };
}
async function viaReturn() { for await (const v of src('return')) { if (v === 1) return v; } }
async function viaThrow() { for await (const v of src('throw')) { if (v === 2) throw new Error('t'); } }
async function main() {
  for await (const v of src('break')) { if (v === 0) break; }
  log('returned', await viaReturn());
  try { await viaThrow(); } catch (e) { log('threw', e.message); }
  for await (const v of src('end')) { log('v', v); }
}
main();`,
  },
  {
    name: 'sync generators keep working and their yields are recorded',
    code: `function* g() { const x = yield 1; log('x', x); yield* [2, 3]; return 4; }
const it = g();
log(JSON.stringify([it.next(), it.next('in'), it.next(), it.next(), it.next()]));`,
    sites: [[1, 27, 'yield', '1']],
  },
  {
    name: 'loops keep their meaning with probes (for, for-in, for-of, while, do-while, labels)',
    code: `let s = '';
for (let i = 0; i < 3; i++) s += i;
for (const k in { a: 1, b: 2 }) s += k;
for (const v of 'xy') s += v;
let n = 0; while (n < 2) n++;
do { n--; } while (n > 0);
a: for (let i = 0; i < 3; i++) { for (;;) { continue a; } }
for (let i = 0; i < 3; i++) setTimeout(() => log('closure', i), 0);
log(s, n);`,
    sites: [[2, 1, 'other', 'for (let i = 0; i < 3; i++)']],
    emits: [/__at\$\.loop\(/],
  },
  {
    name: 'anonymous functions are named by their place',
    code: `const handlers = { onData: async () => { await 0; } };
const named = async function () {};
(async () => { await handlers.onData(); log('iife'); })();
named();`,
    sites: [
      [1, 28, 'function', 'handlers.onData'],
      [2, 15, 'function', 'named'],
      [3, 2, 'function', '<anonymous> spec.ts:3'],
    ],
  },
  {
    name: 'long awaited expressions are shortened',
    code: `async function fetchUser(id, opts) { return id; }
async function main() { await fetchUser(12345678, { retries: 3, timeoutMs: 1000, verbose: true }); await fetchUser(); }
main();`,
    sites: [
      [2, 25, 'await', 'fetchUser(…)'],
      [2, 100, 'await', 'fetchUser()'],
    ],
  },
  {
    name: 'types are stripped (interfaces, generics, enums, casts)',
    code: `interface P { x: number }
enum E { A = 1, B }
async function id<T>(v: T): Promise<T> { return v as T; }
const p: P = { x: E.B };
id<P>(p).then((v) => log(v!.x));`,
  },
  {
    name: 'top-level await in a module: bindings stay module-scoped',
    fileName: 'spec.mts',
    shapeOnly: true,
    code: `import { x } from './x';
export const a = await Promise.resolve(1);
export class C {}
export function f() { return a; }
const { b, c: [d] } = await Promise.resolve({ b: 2, c: [3] });
export default await Promise.resolve(4);`,
    emits: [/export let a;/, /export let C;/, /let b, d;/, /__asyncTimeline\$main = __at\$\.tla\(function\* \(\)/, /\(\{ b, c: \[d\] \} = \(yield __at\$\.await/],
    sites: [[2, 18, 'await', 'Promise.resolve(1)']],
  },
  {
    name: 'import.meta gets a per-file object with url, filename and dirname',
    fileName: '/abs/dir/m.mts',
    shapeOnly: true,
    code: `console.log(import.meta.url, import.meta.dirname);`,
    emits: [/var __at\$importMeta = \{ url: "file:\/\/\/abs\/dir\/m\.mts", filename: "\/abs\/dir\/m\.mts", dirname: "\/abs\/dir" \}/, /console\.log\(__at\$importMeta\.url/],
  },
  {
    name: 'a dropped call goes through $.discard, new Promise through $.promiseSite; catch, then(a, b) and void are left alone',
    code: `async function f(v: number): Promise<number> { return v; }
f(1);
const p = new Promise<number>((r) => r(2));
p.catch(() => log('no'));
p.then((v) => log(v), () => log('no'));
void f(3);
f(4).then((v) => log(v));`,
    emits: [/__at\$\.discard\(f\(1\), __at\$s \+ \d+\)/, /__at\$\.promiseSite\(new Promise\(/, /^p\.catch\(/m, /^p\.then\(\(v\) => log\(v\), /m, /^void f\(3\)/m, /__at\$\.discard\(f\(4\)\.then\(/],
    sites: [[2, 1, 'call', 'f(1)'], [3, 11, 'call', 'new Promise'], [7, 1, 'call', 'f(4).then((v) => log(v))']],
  },
];
