/**
 * Programs whose instrumented run must print exactly what `node` prints (stdout, stderr, exit
 * code): the transformer-sensitive shapes (classes, super, generators, for await, top-level
 * await, CommonJS details) and Node's own error printing, which the engine's source-mapped
 * stacks feed. The ordering subtleties live in the fidelity suite.
 */
import assert from 'node:assert/strict';
import { distReady, runCli, runNode, tempProgram } from './helpers';

const programs: Record<string, string> = {
  'classes.js': `class A { constructor() { this.v = 1; } async get() { await null; return this.v; } }
class B extends A { async get() { const base = await super.get(); return base + 1; } get x() { return 5; } }
const b = new B();
b.get().then((v) => console.log('B.get', v, b.x));
const o = { n: 2, async m() { return this.n * 2; }, async *g() { yield this.n; } };
o.m().then(console.log);
(async () => { for await (const v of o.g()) console.log('g', v); })();
console.log(A.prototype.get.length, B.prototype.get.name, o.m.name);
`,
  'generators.js': `async function* nums() { try { yield 1; yield 2; yield 3; } finally { console.log('cleanup'); } }
async function main() {
  for await (const n of nums()) { if (n === 2) break; console.log(n); }
  for await (const x of [Promise.resolve('a'), 'b']) console.log(x);
  try { for await (const x of [Promise.reject(new Error('rej'))]) console.log(x); } catch (e) { console.log('caught', e.message); }
  label: for (let i = 0; i < 3; i++) { for await (const j of [1, 2]) { if (j === 2) continue label; console.log(i, j); } }
}
main().then(() => console.log('done'));
function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
const out = []; for (const f of fib()) { if (f > 50) break; out.push(f); } console.log(out.join(','));
`,
  'tla.mjs': `import { setTimeout as sleep } from 'node:timers/promises';
console.log('start');
await sleep(50);
export const later = 1;
for await (const x of [1, 2]) console.log('tla-for', x);
`,
  'params.js': `const args = (async function () { return arguments.length; })(1, 2, 3); args.then((n) => console.log('args', n));
const f = async ({ a, b = 2 }, ...rest) => a + b + rest.length; f({ a: 1 }, 9, 9).then(console.log);
console.log(f.length);
async function thrower(x = (() => { throw new Error('param'); })()) {}
thrower().catch((e) => console.log('rejected', e.message));
`,
  'throw-top.js': `console.log('a');\nthrow new Error('sync boom');\n`,
  'throw-async.js': `async function main() { await null; throw new Error('async boom'); }\nmain();\n`,
  'overflow.js': `function f(n) { return f(n + 1) + 1; }\nf(0);\n`,
  'throw-timer.js': `setTimeout(() => { throw new Error('t'); }, 1);\n`,
  'throw-immediate.js': `setImmediate(() => { throw new Error('i'); });\n`,
  'throw-tick.js': `process.nextTick(() => { throw new Error('n'); });\n`,
  'throw-top.mjs': `console.log('a');\nfunction f() { throw new Error('esm boom'); }\nf();\n`,
  'throw-timer.mjs': `setTimeout(() => { throw new Error('in timer'); }, 1);\nexport {};\n`,
  'unhandled.js': `Promise.reject(new Error('unhandled'));\n`,
  'exit.js': `process.on('exit', (c) => console.log('exit', c));\nsetTimeout(() => { process.exitCode = 2; }, 10);\n`,
};

describe('engine: parity with node', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady()) this.skip();
  });
  const dir = tempProgram(programs);
  for (const file of Object.keys(programs)) {
    it(file, () => {
      const node = runNode(file, dir);
      const sim = runCli(['run', file], dir);
      assert.equal(sim.stdout, node.stdout, 'stdout');
      assert.equal(sim.stderr, node.stderr, 'stderr');
      assert.equal(sim.status, node.status, 'exit code');
    });
  }
});
