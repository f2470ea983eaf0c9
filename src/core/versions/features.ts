/**
 * Which Node line has which language built-in and syntax: the one table the runtime (globals it
 * installs or withholds) and the instrumenter (syntax it lowers or refuses) read. Each row was
 * checked against the real binaries, e.g.
 *   test/nodes/node_modules/node22/bin/node -p "typeof Promise.try"   → undefined (24: function)
 * (v20.20.2, v22.23.5, v24.22.3, v26.12.1; see src/core/runtime/modern/README.md).
 */
import type { NodeMajor } from './targets';

/** The first Node major that has the feature. */
export const FEATURE_SINCE = {
  /** `Promise.withResolvers()` (V8 12.4). */
  'Promise.withResolvers': 22,
  /** `Promise.try(fn, ...args)` (V8 12.8+). */
  'Promise.try': 24,
  /** `Array.fromAsync(items, mapfn?, thisArg?)`. */
  'Array.fromAsync': 22,
  /** The `Iterator` global and Iterator.prototype.map/filter/take/drop/flatMap/reduce/toArray/forEach/some/every/find, Iterator.from. */
  'Iterator helpers': 22,
  /** An iterator helper whose argument fails validation (`take(-1)`, `map(1)`) closes the iterator first. */
  'iterator helpers close on bad arguments': 24,
  /**
   * `Symbol.dispose`/`Symbol.asyncDispose` as V8's well-known symbols (`Symbol(Symbol.dispose)`).
   * Before, Node itself defines them as `Symbol.for('nodejs.dispose')` / `'nodejs.asyncDispose'`.
   */
  'well-known Symbol.dispose': 24,
  SuppressedError: 24,
  DisposableStack: 24,
  AsyncDisposableStack: 24,
  /** `%AsyncIteratorPrototype%[Symbol.asyncDispose]` and `%IteratorPrototype%[Symbol.dispose]`. */
  'iterator dispose methods': 24,
  /** `using x = …` declarations. */
  'using declarations': 24,
  /** `await using x = …` declarations. */
  'await using declarations': 24,
  /** `Object.groupBy`, `Map.groupBy` (ES2024). */
  'Object.groupBy': 22,
  /** `Set.prototype.union`, `intersection`, `difference`, `symmetricDifference`, `isSubsetOf`, `isSupersetOf`, `isDisjointFrom` (ES2025). */
  'Set methods': 22,
  /** `Error.isError` (ES2026). */
  'Error.isError': 24,
  /** `RegExp.escape` (ES2025). */
  'RegExp.escape': 24,
  /** `Atomics.pause` (ES2025). */
  'Atomics.pause': 24,
  /** `Iterator.concat` (ES2026). */
  'Iterator.concat': 26,
  /** `Uint8Array.fromBase64`/`fromHex` and `toBase64`/`toHex`/`setFromBase64`/`setFromHex` (ES2026). */
  'Uint8Array base64': 26,
  /** `Map`/`WeakMap.prototype.getOrInsert` and `getOrInsertComputed` (ES2026). */
  'Map getOrInsert': 26,
  /** At exit, "Warning: Detected unsettled top-level await at <url>:<line>" with the source line and a caret (Node 20: exit code 13 only). */
  'unsettled top-level await warning': 22,
  /** `Atomics.waitAsync` (V8 8.7): every supported line. */
  'Atomics.waitAsync': 20,
  /** `AbortSignal.any` (Node 20.3): every supported line. */
  'AbortSignal.any': 20,
} as const satisfies Record<string, NodeMajor>;

export type Feature = keyof typeof FEATURE_SINCE;

/** True when Node `major` (absent: 20, the runtime's default) has `feature`. */
export function hasFeature(major: NodeMajor | undefined, feature: Feature): boolean {
  return (major ?? 20) >= FEATURE_SINCE[feature];
}
