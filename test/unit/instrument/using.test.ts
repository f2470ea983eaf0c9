/**
 * The `using` pass (src/core/instrument/using.ts) and the feature table: which target accepts
 * the syntax, Node's SyntaxError (message and place) for the others, V8's early errors, and
 * lowered code the host V8 (Node 20) can parse. Behaviour (disposal order, ticks) is checked
 * against real Node by the fidelity programs modern-using*.js and test262's using slices.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { instrumentSource } from '../../../src/core/instrument/index';
import { FEATURE_SINCE, hasFeature } from '../../../src/core/versions/features';
import type { NodeMajor } from '../../../src/core/versions/targets';

const instrument = (text: string, nodeMajor?: NodeMajor, fileName = 'main.js') => instrumentSource(text, { fileName, nodeMajor, sourceMap: false });

describe('instrument: using declarations', () => {
  it('the feature table: using from Node 24, Array.fromAsync from 22, absent major = 20', () => {
    assert.equal(hasFeature(undefined, 'using declarations'), false);
    assert.equal(hasFeature(22, 'using declarations'), false);
    assert.equal(hasFeature(24, 'await using declarations'), true);
    assert.equal(hasFeature(22, 'Array.fromAsync'), true);
    assert.equal(hasFeature(20, 'Array.fromAsync'), false);
    assert.equal(FEATURE_SINCE['Promise.try'], 24);
  });

  it('Node 20 and 22: the SyntaxError Node gives, at the binding (using) or at await (outside async)', () => {
    for (const major of [20, 22] as const) {
      const r = instrument('console.log(1);\n{\n  using handle = null;\n}\n', major);
      assert.deepEqual(r.diagnostics, [{ line: 3, column: 9, message: "Unexpected identifier 'handle'" }]);
    }
    const a = instrument('async function f() {\n  await using x = null;\n}\n', 20);
    assert.deepEqual(a.diagnostics, [{ line: 2, column: 15, message: "Unexpected identifier 'x'" }]);
    const top = instrument('await using x = null;\n', 22, 'main.cjs');
    assert.deepEqual(top.diagnostics, [{ line: 1, column: 1, message: 'await is only valid in async functions and the top level bodies of modules' }]);
  });

  it('Node 24: V8\'s early errors', () => {
    const cases: [string, string][] = [
      ['{ using {} = null; }', "Unexpected token '{'"],
      ['{ using x = null, [] = null; }', 'Missing initializer in using declaration'],
      ['{ using x; }', 'Missing initializer in using declaration'],
      ['switch (0) { case 0: using _ = null; }', "Unexpected identifier '_'"],
      ['for (using x in {}) {}', "Invalid 'using' in for-in loop"],
      ['for (using x = null of []) {}', 'for-of loop variable declaration may not have an initializer.'],
      ['async function f() { for await (await using x = null of []) {} }', 'for-await-of loop variable declaration may not have an initializer.'],
      ['function f() { await using x = null; }', 'await is only valid in async functions and the top level bodies of modules'],
    ];
    for (const [code, message] of cases) assert.equal(instrument(code, 24).diagnostics[0]?.message, message, code);
  });

  it('Node 24: lowered code parses on the host V8 and keeps a function body\'s "use strict" first', () => {
    const source = [
      'function f() {',
      '  "use strict";',
      '  using a = { [Symbol.dispose]() {} }, b = null;',
      '  for (using r of []) {}',
      '  return a;',
      '}',
      'async function g() { await using x = null; { using y = null; } }',
      'class C { static { using s = null; } }',
    ].join('\n');
    const r = instrument(source, 24);
    assert.deepEqual(r.diagnostics, []);
    // Line 1 is the site table and string literals hold source text (labels, Function.prototype.toString's text).
    const code = r.code.split('\n').slice(1).join('\n').replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    assert.doesNotMatch(code, /\busing\s+[a-z]/);
    assert.match(r.code, /function f\(\) \{\s*"use strict";/);
    new vm.Script(r.code); // the host (Node 20) parses it
  });

  it('a file without using is left alone by the pass', () => {
    const text = 'const using = 1;\nconsole.log(using);\n';
    assert.deepEqual(instrument(text, 20).diagnostics, []);
    assert.deepEqual(instrument(text, 24).diagnostics, []);
  });
});
