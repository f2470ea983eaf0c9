/**
 * The renderings of src/core/runtime/modern/v8-messages.ts against the real V8 of each line:
 * each value is rendered by the module and by a real Node's own error message for it, so the
 * rules are checked where they come from (the fidelity programs modern-*-errors.js check them
 * through the built-ins).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { types } from 'node:util';
import { realNode } from '../../nodes/real-node';
import { callSiteRendering, noSideEffectsToString, setHostTypes } from '../../../src/core/runtime/modern/v8-messages';

/** The values, as source text both sides evaluate. */
const VALUES = [
  '[]', '[1, 2]', '({})', '3', '-0.5', "'x'", 'null', 'undefined', 'true', '10n', "Symbol('s')", 'new Date(0)',
  'new Proxy({}, {})', '(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()',
  'new (class Foo {})()', 'Object.create(null)', "({ [Symbol.toStringTag]: 'Tag' })", "new Error('boom')",
];

describe('v8-messages: V8 renderings of a value', () => {
  before(() => setHostTypes({ isNativeError: (x) => types.isNativeError(x), isProxy: (x) => types.isProxy(x) }));

  it('noSideEffectsToString is what V8 24 prints in "… must be positive" (Iterator.prototype.take)', function () {
    this.timeout(30_000);
    const probe = `for (const src of ${JSON.stringify(VALUES)}) { let m; try { Iterator.prototype.take.call({ next() {} }, eval(src)); m = 'ok'; } catch (e) { m = e.message; } console.log(m); }`;
    const lines = execFileSync(realNode(24), ['-e', probe], { encoding: 'utf8' }).trimEnd().split('\n');
    VALUES.forEach((src, i) => {
      if (!lines[i].endsWith(' must be positive')) return; // a number take accepts, or ToNumber threw first
      assert.equal(`${noSideEffectsToString((0, eval)(src))} must be positive`, lines[i], src);
    });
  });

  it('callSiteRendering is what V8 24 prints when a builtin calls a non-callable (Iterator.from({next}).next())', function () {
    this.timeout(30_000);
    const probe = `for (const src of ${JSON.stringify(VALUES)}) { let m; try { Iterator.from({ next: eval(src) }).next(); m = 'ok'; } catch (e) { m = e.message; } console.log(m); }`;
    const lines = execFileSync(realNode(24), ['-e', probe], { encoding: 'utf8' }).trimEnd().split('\n');
    VALUES.forEach((src, i) => assert.equal(`${callSiteRendering((0, eval)(src))} is not a function`, lines[i], src));
  });
});
