/**
 * Arrays the runtime writes by index whose every slot is an own data property from the start.
 *
 * Writing `a[i] = v` (or `push`) where `a` has no own element `i` is a [[Set]] that walks the
 * prototype chain: a setter a program put on `Array.prototype[i]` (test262's
 * `does-not-invoke-array-setters`) would run inside the runtime's queues. V8's own queues are
 * not JavaScript arrays and never see it. So the runtime's ring buffers and stacks are made of
 * own `undefined` slots (a cleared slot is set back to `undefined`, never deleted), grown by
 * copying into a new array of own slots.
 *
 * `Array.from` defines elements with CreateDataPropertyOrThrow (no [[Set]]); the array-like it
 * reads has no prototype, so no program-made `Symbol.iterator` is looked up. Captured at load,
 * before any program code runs.
 */
const arrayFrom = Array.from as (this: unknown, like: ArrayLike<unknown>) => unknown[];
const ArrayCtor = Array;

/** `n` own `undefined` slots. */
export function ownSlots<T>(n: number): T[] {
  const like = Object.create(null) as { length: number };
  like.length = n;
  return arrayFrom.call(ArrayCtor, like) as T[];
}

const defineProperty = Object.defineProperty;
const arrayPrototype: object = Array.prototype;

/**
 * `list.push(v)` as CreateDataPropertyOrThrow at `length` (no [[Set]], so no setter on
 * `Array.prototype` runs), for the runtime's growing lists (the trace's tables, the timer heap);
 * returns the new length. A plain store when no prototype has that index (the usual case:
 * defining a property costs several times a store).
 */
export function appendOwn<T>(list: T[], v: T): number {
  const i = list.length;
  if (i in arrayPrototype) defineProperty(list, i, { value: v, writable: true, enumerable: true, configurable: true });
  else list[i] = v;
  return i + 1;
}
