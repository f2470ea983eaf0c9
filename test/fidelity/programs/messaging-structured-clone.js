// structuredClone: a deep copy made in the program's realm (instanceof works), holes, wrappers,
// Map/Set/Date/RegExp/errors kept; { transfer } detaches the buffers. It is synchronous: nothing
// about it is queued on the loop.
const log = console.log;
const source = { list: [1, , 3], map: new Map([['k', { deep: true }]]), set: new Set([1, 2]), when: new Date(0), re: /a+/gi, n: Object(5), s: Object('str') };
source.self = source;
const copy = structuredClone(source);
log(copy.list instanceof Array, Array.isArray(copy.list), 1 in copy.list, copy.list.length);
log(copy.map instanceof Map, copy.map.get('k'), copy.map.get('k') !== source.map.get('k'));
log(copy.set instanceof Set, [...copy.set], copy.when instanceof Date, copy.when.getTime());
log(copy.re instanceof RegExp, copy.re.source, copy.re.flags, copy.self === copy);
log(typeof copy.n, copy.n instanceof Number, Number(copy.n), copy.s instanceof String, String(copy.s));
log(Object.getPrototypeOf(copy) === Object.prototype, copy.constructor === Object);
const err = structuredClone(new RangeError('too far'));
log(err instanceof RangeError, err instanceof Error, err.name, err.message);
const bytes = new Uint8Array([1, 2, 3]);
const moved = structuredClone(bytes, { transfer: [bytes.buffer] });
log(moved instanceof Uint8Array, Array.from(moved), bytes.byteLength, bytes.buffer.byteLength);
class Point { constructor() { this.x = 1; } get y() { return 2; } }
const p = structuredClone(new Point());
log(p instanceof Point, p, Object.keys(p));
setImmediate(() => log('immediate'));
Promise.resolve().then(() => log('promise'));
log(structuredClone(undefined), structuredClone(null), structuredClone(-0), structuredClone(10n));
try {
  structuredClone();
} catch (e) {
  log(e instanceof TypeError, e.name, e.code, e.message);
}
