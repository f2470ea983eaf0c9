// node: >=26
// Iterator.concat's errors: non-objects, non-iterables, a non-callable @@iterator, an @@iterator returning a primitive, a bad next/return of an inner iterator.
const show = (x) => { try { if (typeof x === 'symbol') return x.toString(); if (typeof x === 'bigint') return `${x}n`; if (typeof x === 'function') return 'fn'; if (typeof x === 'string') return JSON.stringify(x); if (Array.isArray(x)) return `[${x.map(show)}]`; if (x && typeof x === 'object') return Object.prototype.toString.call(x); return String(x); } catch (e) { return `<${e.message}>`; } };
const t = (label, f) => { try { console.log(label, 'ok', show(f())); } catch (e) { console.log(label, e.constructor.name, e.message); } };
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const BAD = [['[]', []], ['{}', {}], ['3', 3], ["'x'", 'x'], ['null', null], ['undefined', undefined], ['true', true], ['10n', 10n], ['sym', Symbol('s')], ['fn', () => 1], ['proxy', new Proxy({}, {})], ['revoked', revoked({})], ['revokedFn', revoked(function g() {})], ['date', new Date(0)], ['NaN', NaN], ['-1', -1], ['Infinity', Infinity], ['-Infinity', -Infinity], ['2.5', 2.5], ["'2'", '2'], ['-0.5', -0.5], ['2**53', 2 ** 53]];
for (const [name, v] of BAD) t(`concat(${name})`, () => [...Iterator.concat(v)]);
for (const [name, v] of BAD) t(`concat({@@iterator: ${name}})`, () => [...Iterator.concat({ [Symbol.iterator]: v })]);
for (const [name, v] of BAD) t(`concat({@@iterator() ${name}})`, () => [...Iterator.concat({ [Symbol.iterator]() { return v; } })]);
for (const [name, v] of BAD) t(`concat: next() ${name}`, () => Iterator.concat({ [Symbol.iterator]() { return { next() { return v; } }; } }).next());
for (const [name, v] of BAD) t(`concat: next ${name}`, () => [...Iterator.concat({ [Symbol.iterator]() { return { next: v }; } })]);
for (const [name, v] of BAD) t(`concat: return ${name}`, () => { const c = Iterator.concat({ [Symbol.iterator]() { return { next() { return { done: false, value: 1 }; }, return: v }; } }); c.next(); return c.return(); });
