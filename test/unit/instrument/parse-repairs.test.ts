/**
 * The length-preserving repairs of TypeScript's misreadings (src/core/instrument/parse-repairs.ts):
 * what they change, that the instrumenter then accepts the text, and that real errors stay
 * errors. Against real Node: test/fidelity/programs/parse-for-head-in.js.
 */
import assert from 'node:assert/strict';
import { instrumentSource } from '../../../src/core/instrument/index';
import { repairInInForHead, repairLetAsi } from '../../../src/core/instrument/parse-repairs';

const instrument = (text: string) => instrumentSource(text, { fileName: 'main.js', sourceMap: false, loopProbes: false, script: true });

describe('instrument: repairs of TypeScript parser misreadings', () => {
  it('parenthesizes an `in` default inside an array literal in a for head, keeping the length', () => {
    const text = "for ([ x = 'x' in {} ] of [[]]) f(x);";
    const repaired = repairInInForHead(text, 'main.js');
    assert.equal(repaired, "for ([ x =('x' in {})] of [[]]) f(x);");
    assert.equal(repaired!.length, text.length);
    assert.deepEqual(instrument(text).diagnostics, []);
  });

  it('leaves an `in` with no room for the parentheses, and other errors, reported', () => {
    assert.equal(repairInInForHead("for ([x='x' in {}] of [[]]) ;", 'main.js'), undefined);
    assert.ok(instrument("for ([x='x' in {}] of [[]]) ;").diagnostics.length > 0);
    assert.ok(instrument("for ([ x = 'x' in {} ] of [[]]) ; let = = 1;").diagnostics.length > 0);
  });

  it('inserts the ASI semicolon after a `let` body at the end of a line, in the space after it', () => {
    const text = 'for (var x of []) let // ASI\n{}\nlet\n  a = 1;';
    assert.equal(repairLetAsi(text), 'for (var x of []) let;// ASI\n{}\nlet\n  a = 1;');
    const r = instrument(text);
    assert.deepEqual(r.diagnostics, []);
    assert.match(r.code, /let;\s*(\/\/ ASI\s*)?\{\s*\}/);
    // A declaration in a statement list is a declaration: nothing to repair.
    assert.equal(repairLetAsi('let\n  a = 1;\nif (a) { let\n b = 2; }'), undefined);
  });
});
