/**
 * The language built-ins that differ between the Node lines the simulator imitates, installed
 * per target (`RuntimeOptions.nodeMajor`) from the table in src/core/versions/features.ts:
 * what the target has and the host V8 lacks is made here on the simulated Promise; what the
 * target lacks and the host V8 has is withheld; what both have but settles promises
 * (Array.fromAsync) is replaced, so its jobs run on the simulated loop. See README.md.
 */
import { hasFeature, type Feature } from '../../versions/features';
import type { NodeMajor } from '../../versions/targets';
import { Immediate } from '../immediates';
import { SymbolDispose, Timeout } from '../timers';
import { runScopePrototype } from '../async-context/storage';
import { installArrayFromAsync } from './array-from-async';
import { installDisposal } from './disposal';
import { UINT8_BASE64 } from './base64';
import { ES_BUILTINS, type EsBuiltinGroup } from './es-builtins';
import { installIteratorConcat, installIteratorHelpers } from './iterator-helpers';
import { installPromiseTry, installWithResolvers } from './promise-statics';
import { setHostTypes, setMessageLine } from './v8-messages';

/** The iterator helpers V8 12 put on %IteratorPrototype% (withheld for a Node 20 target). */
const ITERATOR_HELPERS = ['map', 'filter', 'take', 'drop', 'flatMap', 'reduce', 'toArray', 'forEach', 'some', 'every', 'find'];

/**
 * `types` are the host's `util.types` checks: `isNativeError` sees [[ErrorData]] across realms
 * (for `Error.isError` and V8's rendering of an error in messages), `isProxy` lets messages name
 * a proxy as V8 does without running its traps.
 */
export function installModernBuiltins(g: Record<string, unknown>, major: NodeMajor | undefined, types: { isNativeError(x: unknown): boolean; isProxy(x: unknown): boolean }): void {
  const isNativeError = types.isNativeError;
  setHostTypes(types);
  setMessageLine(major);
  if (hasFeature(major, 'Promise.withResolvers')) installWithResolvers();
  if (hasFeature(major, 'Promise.try')) installPromiseTry();
  const ArrayCtor = g.Array as unknown as Record<string, unknown>;
  if (hasFeature(major, 'Array.fromAsync')) installArrayFromAsync(ArrayCtor);
  else delete ArrayCtor.fromAsync;
  if (hasFeature(major, 'Iterator helpers')) installIteratorHelpers(g, hasFeature(major, 'iterator helpers close on bad arguments'));
  else if (g.Iterator !== undefined) {
    const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as Record<string, unknown>;
    for (const name of ITERATOR_HELPERS) delete iteratorPrototype[name];
    delete g.Iterator;
  }
  if (hasFeature(major, 'Iterator.concat')) installIteratorConcat(g);
  else if (g.Iterator !== undefined) delete (g.Iterator as Record<string, unknown>).concat;
  const groups: [Feature, EsBuiltinGroup][] = [...Object.entries(ES_BUILTINS) as [Feature, EsBuiltinGroup][], ['Uint8Array base64', UINT8_BASE64]];
  for (const [feature, group] of groups) {
    const present = group.present(g);
    if (hasFeature(major, feature)) {
      if (!present) group.install(g, isNativeError);
    } else if (present) group.withhold(g);
  }
  if (hasFeature(major, 'well-known Symbol.dispose')) {
    installDisposal(g);
    const after = (g.Symbol as unknown as Record<string, symbol>).dispose;
    // Node's timers (and AsyncLocalStorage's RunScope) define [Symbol.dispose] with whatever Symbol.dispose is: move the runtime's
    // (made with Node 20's `nodejs.dispose` when runtime.js was evaluated) to the new symbol.
    for (const proto of [Timeout.prototype, Immediate.prototype, runScopePrototype()] as unknown as Record<symbol, unknown>[]) {
      if (SymbolDispose === after || !Object.prototype.hasOwnProperty.call(proto, SymbolDispose)) continue;
      const d = Object.getOwnPropertyDescriptor(proto, SymbolDispose)!;
      delete proto[SymbolDispose];
      Object.defineProperty(proto, after, d);
    }
  }
}
