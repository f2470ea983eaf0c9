// node: >=22
// Iterator helpers' errors per line: each method × bad callbacks/limits/receivers (e.constructor.name + e.message), which of next/return run (Node 22 does not close on a bad argument), Iterator.from, flatMap's inner iterators, the helper and wrapper objects' receivers; the 'is not a function' wording differs between Node 22 and 24+.
const show = (x) => { try { if (typeof x === 'symbol') return x.toString(); if (typeof x === 'bigint') return `${x}n`; if (typeof x === 'function') return 'fn'; if (typeof x === 'string') return JSON.stringify(x); if (Array.isArray(x)) return `[${x.map(show)}]`; if (x && typeof x === 'object') return Object.prototype.toString.call(x); return String(x); } catch (e) { return `<${e.message}>`; } };
const t = (label, f) => { try { console.log(label, 'ok', show(f())); } catch (e) { console.log(label, e.constructor.name, e.message); } };
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const BAD = [['[]', []], ['{}', {}], ['3', 3], ["'x'", 'x'], ['null', null], ['undefined', undefined], ['true', true], ['10n', 10n], ['sym', Symbol('s')], ['fn', () => 1], ['proxy', new Proxy({}, {})], ['revoked', revoked({})], ['revokedFn', revoked(function g() {})], ['date', new Date(0)], ['NaN', NaN], ['-1', -1], ['Infinity', Infinity], ['-Infinity', -Infinity], ['2.5', 2.5], ["'2'", '2'], ['-0.5', -0.5], ['2**53', 2 ** 53]];
// logging iterator: records next/return calls and reads of `next`
const log = [];
const logging = (n = 2) => { let i = 0; return { __proto__: Iterator.prototype, get next() { log.push('get next'); return () => { log.push('next'); return i < n ? { value: i++, done: false } : { value: undefined, done: true }; }; }, return() { log.push('return'); return {}; } }; };
const flush = (label) => { if (log.length) console.log('  ', label, log.join(',')); log.length = 0; };
const METHODS = ['map', 'filter', 'flatMap', 'reduce', 'forEach', 'some', 'every', 'find', 'take', 'drop', 'toArray'];
for (const m of METHODS) {
  for (const [name, v] of BAD) { t(`${m}(${name})`, () => { const r = Iterator.prototype[m].call(logging(), v); return typeof r === 'object' && r !== null && typeof r.next === 'function' ? [...r] : r; }); flush(m); }
  for (const [name, v] of BAD) t(`${m}.call(${name})`, () => Iterator.prototype[m].call(v, () => 1));
}
for (const [name, v] of BAD) t(`from(${name})`, () => Iterator.from(v));
for (const [name, v] of BAD) t(`from({@@iterator: ${name}})`, () => Iterator.from({ [Symbol.iterator]: v }));
for (const [name, v] of BAD) t(`from({@@iterator() ${name}})`, () => Iterator.from({ [Symbol.iterator]() { return v; } }));
for (const [name, v] of BAD) t(`from({next: ${name}}).next()`, () => Iterator.from({ next: v }).next());
for (const [name, v] of BAD) t(`from({next() ${name}}).next()`, () => Iterator.from({ next() { return v; } }).next());
for (const [name, v] of BAD) t(`from({return: ${name}}).return()`, () => Iterator.from({ next() {}, return: v }).return());
for (const [name, v] of BAD) t(`wrap.next.call(${name})`, () => Object.getPrototypeOf(Iterator.from({ next() {} })).next.call(v));
for (const [name, v] of BAD) t(`wrap.return.call(${name})`, () => Object.getPrototypeOf(Iterator.from({ next() {} })).return.call(v));
for (const [name, v] of BAD) t(`flatMap(() => ${name})`, () => [...Iterator.from([1]).flatMap(() => v)]);
for (const [name, v] of BAD) t(`flatMap(() => ({@@iterator: ${name}}))`, () => [...Iterator.from([1]).flatMap(() => ({ [Symbol.iterator]: v }))]);
for (const [name, v] of BAD) t(`flatMap(() => ({@@iterator() ${name}}))`, () => [...Iterator.from([1]).flatMap(() => ({ [Symbol.iterator]() { return v; } }))]);
for (const [name, v] of BAD) t(`map: next() ${name}`, () => Iterator.prototype.map.call({ next() { return v; } }, (x) => x).next());
for (const [name, v] of BAD.filter(([, v]) => Object(v) !== v)) t(`toArray: next() ${name}`, () => Iterator.prototype.toArray.call({ next() { return v; } }));
for (const [name, v] of BAD) t(`take: return ${name}`, () => Iterator.prototype.take.call({ next() { return { done: false }; }, return: v }, 0).next());
for (const [name, v] of BAD) t(`helper.next.call(${name})`, () => Object.getPrototypeOf(Iterator.from([1]).map((x) => x)).next.call(v));
for (const [name, v] of BAD) t(`helper.return.call(${name})`, () => Object.getPrototypeOf(Iterator.from([1]).map((x) => x)).return.call(v));
t('Iterator()', () => Iterator());
t('new Iterator()', () => new Iterator());
t('reduce empty', () => Iterator.from([]).reduce((a, b) => a + b));
t('running', () => { let h; h = Iterator.from([1, 2]).map(() => h.next()); return h.next(); });
for (const [name, v] of BAD) t(`constructor setter on ${name}`, () => { Object.getOwnPropertyDescriptor(Iterator.prototype, 'constructor').set.call(v, 1); return 'set'; });
for (const [name, v] of BAD) t(`toStringTag setter on ${name}`, () => { Object.getOwnPropertyDescriptor(Iterator.prototype, Symbol.toStringTag).set.call(v, 1); return 'set'; });
t('proto constructor =', () => { Iterator.prototype.constructor = 1; });
t('proto toStringTag =', () => { Iterator.prototype[Symbol.toStringTag] = 1; });
