/**
 * `await` as an identifier in a script (src/core/instrument/await-identifier.ts): renamed for the
 * bundler only in script files, with property keys and function names kept, and TypeScript's
 * misreading of `await instanceof F` repaired. The same against real Node:
 * test/fidelity/programs/script-await-identifier.js.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { instrumentSource } from '../../../src/core/instrument/index';
import { RENAMED_AWAIT } from '../../../src/core/instrument/await-identifier';
import { INSTRUMENTATION_GLOBAL } from '../../../src/core/runtime/instrumentation-api';

const instrument = (text: string, script = true) => instrumentSource(text, { fileName: 'main.js', sourceMap: false, loopProbes: false, ...(script ? { script } : {}) });

/** Runs instrumented (non-async) code in a fresh context; returns what it put in `out`. */
function run(code: string): unknown[] {
  const out: unknown[] = [];
  vm.runInContext(code, vm.createContext({ out, [INSTRUMENTATION_GLOBAL]: { sites: () => 0, discard: () => undefined, keepNames: () => undefined, keepName: () => undefined } }));
  return out;
}

describe('instrument: await as an identifier in a script', () => {
  it('renames bindings and references, not property names', () => {
    const r = instrument('var await = 1; var o = { await: 2 }; o.await = await; out.push(await, o.await);');
    assert.deepEqual(r.diagnostics, []);
    assert.ok(r.code.includes(`var ${RENAMED_AWAIT} = 1`) && r.code.includes(`o.await = ${RENAMED_AWAIT}`) && r.code.includes('{ await: 2 }'), r.code);
    assert.deepEqual(run(r.code), [1, 1]);
  });

  it('keeps shorthand keys, pattern keys and function names', () => {
    const r = instrument([
      'function await() {}',
      'out.push(await.name);',
      '{ let { await = () => {} } = {}; out.push(await.name); }',
      '{ var x = { await }; out.push(Object.keys(x)[0]); }',
      '{ class await {} out.push(await.name); }',
      '{ let await; await = function () {}; out.push(await.name); }',
      '{ const [await = class {}] = []; out.push(await.name); }',
    ].join('\n'));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(run(r.code), ['await', 'await', 'await', 'await', 'await', 'await']);
  });

  it('keeps a class\'s own static name', () => {
    const r = instrument('{ class await { static name = "mine"; } out.push(await.name); }');
    assert.deepEqual(run(r.code), ['mine']);
  });

  it('repairs TypeScript\'s misreading of `await instanceof F` at the top level', () => {
    const r = instrument('function await() {}\nout.push(await instanceof Function, "x" in { x: await });');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(run(r.code), [true, true]);
  });

  it('leaves `await` alone outside scripts, and the operator alone everywhere', () => {
    assert.ok(!instrument('var await = 1;', false).code.includes(RENAMED_AWAIT));
    const r = instrument('async function f() { return await g(); }');
    assert.ok(!r.code.includes(RENAMED_AWAIT));
    // Where `await` is reserved (async functions, class static blocks) it is left for esbuild to refuse.
    assert.ok(!instrument('class C { static { var await; } }').code.includes(RENAMED_AWAIT));
    assert.ok(instrument('class C { static { function f() { var await; } } }').code.includes(RENAMED_AWAIT));
    assert.ok(instrument('async function await() {}').code.includes(`function ${RENAMED_AWAIT}(`));
    // A real syntax error is still reported, also next to a misread `await`.
    assert.ok(instrument('await instanceof F; let = = 1;').diagnostics.length > 0);
  });
});
