// node: >=22
// Errors of Object.groupBy/Map.groupBy, the Set methods (and Node 22's V8 comparing a set-like size of 2**31 or more as smaller than any set), Error.isError, RegExp.escape, Atomics.pause and Map/WeakMap getOrInsert(Computed), for each line that has them.
const show = (x) => { try { if (typeof x === 'symbol') return x.toString(); if (typeof x === 'bigint') return `${x}n`; if (typeof x === 'function') return 'fn'; if (typeof x === 'string') return JSON.stringify(x); if (Array.isArray(x)) return `[${x.map(show)}]`; if (x && typeof x === 'object') return Object.prototype.toString.call(x); return String(x); } catch (e) { return `<${e.message}>`; } };
const t = (label, f) => { try { console.log(label, 'ok', show(f())); } catch (e) { console.log(label, e.constructor.name, e.message); } };
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const BAD = [['[]', []], ['{}', {}], ['3', 3], ["'x'", 'x'], ['null', null], ['undefined', undefined], ['true', true], ['10n', 10n], ['sym', Symbol('s')], ['fn', () => 1], ['proxy', new Proxy({}, {})], ['revoked', revoked({})], ['revokedFn', revoked(function g() {})], ['date', new Date(0)], ['NaN', NaN], ['-1', -1], ['Infinity', Infinity], ['-Infinity', -Infinity], ['2.5', 2.5], ["'2'", '2'], ['-0.5', -0.5], ['2**53', 2 ** 53]];
const log = [];
for (const G of ['Object', 'Map']) {
  const gb = G === 'Object' ? Object.groupBy : Map.groupBy;
  for (const [name, v] of BAD) t(`${G}.groupBy(${name}, f)`, () => gb(v, (x) => x));
  for (const [name, v] of BAD) t(`${G}.groupBy([1], ${name})`, () => gb([1], v));
  for (const [name, v] of BAD) t(`${G}.groupBy({@@iterator: ${name}})`, () => gb({ [Symbol.iterator]: v }, (x) => x));
  for (const [name, v] of BAD) t(`${G}.groupBy({@@iterator() ${name}})`, () => gb({ [Symbol.iterator]() { return v; } }, (x) => x));
  for (const [name, v] of BAD) t(`${G}.groupBy: next ${name}`, () => gb({ [Symbol.iterator]() { return { next: v }; } }, (x) => x));
  for (const [name, v] of BAD.filter(([, v]) => Object(v) !== v)) t(`${G}.groupBy: next() ${name}`, () => gb({ [Symbol.iterator]() { return { next() { return v; } }; } }, (x) => x));
  for (const [name, v] of BAD) t(`${G}.groupBy key ${name}`, () => Object.keys(gb([1], () => v)).length);
  t(`${G}.groupBy throws, return ${'fn'}`, () => gb({ [Symbol.iterator]() { return { next() { return { value: 1 }; }, return() { log.push('return'); } }; } }, () => { throw new Error('cb'); }));
  console.log(log.splice(0).join());
}
const METHODS = ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom'];
const setLike = (over) => ({ size: 1, has() { return true; }, keys() { return [2][Symbol.iterator](); }, ...over });
for (const m of METHODS) {
  for (const [name, v] of BAD) t(`Set.${m}.call(${name})`, () => Set.prototype[m].call(v, new Set()));
  for (const [name, v] of BAD) t(`Set.${m}(${name})`, () => new Set([1])[m](v));
  for (const [name, v] of BAD) t(`Set.${m}({size: ${name}})`, () => new Set([1])[m](setLike({ size: v })));
  for (const [name, v] of BAD) t(`Set.${m}({has: ${name}})`, () => new Set([1])[m](setLike({ has: v })));
  for (const [name, v] of BAD) t(`Set.${m}({keys: ${name}})`, () => new Set([1])[m](setLike({ keys: v })));
  for (const [name, v] of BAD) t(`Set.${m}({keys() ${name}})`, () => new Set([1, 2, 3])[m](setLike({ keys() { return v; } })));
  for (const [name, v] of BAD) t(`Set.${m}({keys() {next: ${name}}})`, () => new Set([1, 2, 3])[m](setLike({ keys() { return { next: v }; } })));
  for (const [name, v] of BAD.filter(([, v]) => Object(v) !== v)) t(`Set.${m}({keys() {next() ${name}}})`, () => new Set([1, 2, 3])[m](setLike({ keys() { return { next() { return v; } }; } })));
}
if (typeof Error.isError === 'function') for (const [name, v] of BAD) t(`Error.isError(${name})`, () => Error.isError(v));
if (typeof RegExp.escape === 'function') for (const [name, v] of BAD) t(`RegExp.escape(${name})`, () => RegExp.escape(v));
if (typeof Atomics.pause === 'function') for (const [name, v] of BAD) t(`Atomics.pause(${name})`, () => Atomics.pause(v));
if (typeof Map.prototype.getOrInsert === 'function') {
  for (const C of ['Map', 'WeakMap']) {
    const P = globalThis[C].prototype;
    for (const [name, v] of BAD) t(`${C}.getOrInsert.call(${name})`, () => P.getOrInsert.call(v, {}, 1));
    for (const [name, v] of BAD) t(`${C}.getOrInsertComputed.call(${name})`, () => P.getOrInsertComputed.call(v, {}, () => 1));
    for (const [name, v] of BAD) t(`${C}.getOrInsert(${name})`, () => new globalThis[C]().getOrInsert(v, 1));
    for (const [name, v] of BAD) t(`${C}.getOrInsertComputed(${name}, f)`, () => new globalThis[C]().getOrInsertComputed(v, () => 1));
    for (const [name, v] of BAD) t(`${C}.getOrInsertComputed(k, ${name})`, () => new globalThis[C]().getOrInsertComputed({}, v));
    for (const [name, v] of BAD) t(`${C}.getOrInsertComputed(${name}, ${name})`, () => new globalThis[C]().getOrInsertComputed(v, v));
  }
}
// Node 22's V8 compares a set-like's size of 2**31 or more (not a Smi) as smaller than any set's size.
const sizedLike = (size) => ({ size, has() { return true; }, keys() { return [2][Symbol.iterator](); } });
for (const size of [2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 33, 2 ** 52, 2 ** 53 - 1, 2 ** 53, 2 ** 54, 1e300, Infinity, 0.5]) {
  const out = [];
  for (const m of ['intersection', 'difference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom']) {
    const r = new Set([1])[m](sizedLike(size));
    out.push(`${m}=${r instanceof Set ? [...r] : r}`);
  }
  console.log(size, out.join(' '));
}
const sizedEmptyLike = (size) => ({ size, has() { return true; }, keys() { return [][Symbol.iterator](); } });
for (const size of [2 ** 31, -0, 0]) for (const init of [[], [1], [1, 2, 3]]) {
  const out = [];
  for (const m of ['intersection', 'difference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom']) {
    const r = new Set(init)[m](sizedEmptyLike(size));
    out.push(`${m}=${r instanceof Set ? [...r] : r}`);
  }
  console.log(size, init.length, out.join(' '));
}
