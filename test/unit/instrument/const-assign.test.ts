/**
 * The const-assign pass (src/core/instrument/const-assign.ts): which targets it rewrites (only
 * names that resolve to a const/using binding, wherever an assignment can put them) and that the
 * rewritten code throws what V8 throws when it runs. The same behaviour against real Node:
 * test/fidelity/programs/modern-const-assignment.js.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { instrumentSource } from '../../../src/core/instrument/index';
import { INSTRUMENTATION_GLOBAL } from '../../../src/core/runtime/instrumentation-api';

const instrument = (text: string) => instrumentSource(text, { fileName: 'main.js', sourceMap: false, loopProbes: false });
const targets = (code: string) => code.split('constTarget(').length - 1;

/** Runs instrumented code in a fresh context with the runtime calls it makes (sites, discard, constTarget). */
function run(code: string): string[] {
  const out: string[] = [];
  const context = vm.createContext({
    out,
    [INSTRUMENTATION_GLOBAL]: {
      sites: () => 0,
      discard: () => undefined,
      constTarget: (read: () => unknown) => ({
        get v() { return read(); },
        set v(_: unknown) { read(); throw new TypeError('Assignment to constant variable.'); },
      }),
    },
  });
  vm.runInContext(code, context);
  return out;
}

describe('instrument: assignments to const bindings', () => {
  it('rewrites only targets bound by const/using: shadowing let, var and parameters stay', () => {
    const r = instrument([
      'const c = 1;',
      'function f(c) { c = 2; }',
      '{ let c = 3; c = 4; }',
      'function g() { var c; c = 5; }',
      'if (false) c = 6;',
      '[c] = [7]; ({ c } = {}); ({ k: c = 8 } = {}); for (c of []); c += 1; c++; --c;',
    ].join('\n'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(targets(r.code), 8);
  });

  it('the rewritten code throws TypeError after the right-hand side, ReferenceError in the TDZ', () => {
    const r = instrument([
      'const log = (s) => out.push(s);',
      'const c = 1;',
      'try { c = (log("rhs"), 2); } catch (e) { log(e.constructor.name + ": " + e.message); }',
      'try { [c] = (log("value"), [1]); } catch (e) { log(e.constructor.name); }',
      '{ try { d = 1; } catch (e) { log(e.constructor.name); } const d = 2; }',
      'log(String(c));',
    ].join('\n'));
    assert.deepEqual(run(r.code), ['rhs', 'TypeError: Assignment to constant variable.', 'value', 'TypeError', 'ReferenceError', '1']);
  });
});
