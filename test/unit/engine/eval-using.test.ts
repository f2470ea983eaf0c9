/**
 * A direct eval of text declaring `using` on a Node 24/26 target (instrument/eval-text.ts,
 * runtime/eval-source.ts): the engine runs on a host V8 without the syntax, so the text is
 * lowered; what each eval returns (its completion value, by ECMA-262's UpdateEmpty rules),
 * the order of disposal and the errors must be what real Node 24 and 26 print.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runProgram } from '../../../src/core/engine/run';
import { realNode } from '../../nodes/real-node';
import { distReady, tempProgram } from './helpers';

/** Texts for `eval`, one statement kind (or completion rule) at a time, each with a `using`. */
const CASES = [
  '{using a = null;}',
  '4; {using a = null;}',
  '{using a = null, b = null;}',
  '6; {using a = null, b = null;}',
  '1; { using a = r("a"); 5; }',
  '1; { using a = r("a"), b = r("b"); log.push("body"); } 3; { using c = r("c"); }',
  '"use strict"; {using a = null}',
  '"a"; "b"; { using x = null; }',
  '1, 2; { using a = null; }',
  '1; if (true) { using a = null; }',
  '1; if (false) 2; else { using a = null; 3 }',
  '1; {} { using a = null; }',
  '1; try { 2; using a = null; } catch (e) {}',
  '1; { using a = null; try { 2 } finally { 3 } }',
  '1; { using a = null; try { 2; throw 0 } catch (e) { } }',
  '1; { using a = null; try { 2; throw 0 } catch (e) { 5 } }',
  '1; { using a = null; l: try { 2 } finally { 3; break l; } }',
  '1; { using a = null; try {} finally {} }',
  '1; { using a = null; try { 2 } catch {} finally { 3 } }',
  '1; { using a = null; while (false); }',
  '1; { using a = null; do { 2; break; } while (true) }',
  '1; { using a = null; l: { 2; break l; } }',
  '1; { using a = null; l: if (true) { 2; break l; } }',
  '1; { using a = null; while (true) { if (true) break; } }',
  '1; for (let i = 0; i < 2; i++) { using a = null; if (i) continue; 7 }',
  '1; l: for (let i = 0; i < 2; i++) { using a = r(i); 7; continue l; }',
  '1; for (using x of [null]) {}',
  '1; for (using x of [r("x"), r("y")]) { log.push("iter"); 3 }',
  '1; for (const k in { p: 1 }) { using a = null; k }',
  '1; switch (1) { case 1: { using a = null; } }',
  '1; switch (1) { case 1: { using a = null; 2; } }',
  '1; with ({}) { using a = null; }',
  '1; { using a = null; var hoisted = 8; function g() { return 9; } } hoisted + g()',
  '1; { using a = null; class C {} let z = 2; }',
  '(function () { using a = r("f"); log.push("in f"); return 10; })()',
  '{ using a = { [Symbol.dispose]() { throw new Error("d1"); } }; }',
  '{ using a = { [Symbol.dispose]() { throw new Error("d1"); } }; throw new Error("body"); }',
  '{ using a = 1; }',
  'using a = null;',
  '{ await using a = null; }',
  '{ using a; }',
  // Texts that do not parse: V8's first error (the host V8 finds it with `let` for `using`).
  '{ using a = null',
  '{ using a = null; ) }',
  'using a = (',
  '1; "using"',
  'var using = 3; using',
];

/** Runs every case through a direct eval (in a function, so `var`s stay local) and prints what it gave. */
const PROGRAM = `
const log = [];
const r = (n) => ({ [Symbol.dispose]() { log.push('dispose ' + n); } });
const show = (v) => (v instanceof Error ? v.constructor.name + ': ' + v.message + (v.suppressed ? ' (suppressed ' + v.suppressed.message + ', error ' + v.error.message + ')' : '') : typeof v === 'string' ? JSON.stringify(v) : String(v));
for (const text of ${JSON.stringify(CASES)}) {
  let value;
  try { value = (function () { return eval(text); })(); } catch (e) { value = e; }
  console.log(JSON.stringify(text), '=>', show(value), log.splice(0).join(', '));
}
`;

describe('engine: a direct eval declaring `using` on Node 24/26 targets (host V8 without the syntax)', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  for (const node of [24, 26] as const) {
    it(`gives real Node ${node}'s completion values, disposal order and errors`, async () => {
      const dir = tempProgram({ 'evals.js': PROGRAM });
      const expected = execFileSync(realNode(node), [path.join(dir, 'evals.js')], { encoding: 'utf8' });
      let stdout = '';
      const r = await runProgram({ file: 'evals.js', cwd: dir, node, onOutput: (s, t) => { if (s === 'stdout') stdout += t; } });
      assert.equal(r.exitCode, 0);
      assert.equal(expected.split('\n').length, CASES.length + 1, 'real Node ran every case');
      assert.deepEqual(stdout.split('\n'), expected.split('\n'));
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
});
