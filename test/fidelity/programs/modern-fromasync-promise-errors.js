// node: >=22
// Array.fromAsync, Promise.withResolvers and Promise.try errors (rejections awaited in turn): bad items, mapfn, iterator methods, next, length, receivers.
const show = (x) => { try { if (typeof x === 'symbol') return x.toString(); if (typeof x === 'bigint') return `${x}n`; if (typeof x === 'function') return 'fn'; if (typeof x === 'string') return JSON.stringify(x); if (Array.isArray(x)) return `[${x.map(show)}]`; if (x && typeof x === 'object') return Object.prototype.toString.call(x); return String(x); } catch (e) { return `<${e.message}>`; } };
const t = (label, f) => { try { console.log(label, 'ok', show(f())); } catch (e) { console.log(label, e.constructor.name, e.message); } };
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const BAD = [['[]', []], ['{}', {}], ['3', 3], ["'x'", 'x'], ['null', null], ['undefined', undefined], ['true', true], ['10n', 10n], ['sym', Symbol('s')], ['fn', () => 1], ['proxy', new Proxy({}, {})], ['revoked', revoked({})], ['revokedFn', revoked(function g() {})], ['date', new Date(0)], ['NaN', NaN], ['-1', -1], ['Infinity', Infinity], ['-Infinity', -Infinity], ['2.5', 2.5], ["'2'", '2'], ['-0.5', -0.5], ['2**53', 2 ** 53]];
const at = async (label, f) => { try { const r = await f(); console.log(label, 'ok', show(r)); } catch (e) { console.log(label, e.constructor.name, e.message); } };
(async () => {
  for (const [name, v] of BAD) await at(`fromAsync(${name})`, () => Array.fromAsync(v));
  for (const [name, v] of BAD) await at(`fromAsync([1], ${name})`, () => Array.fromAsync([1], v));
  for (const [name, v] of BAD) await at(`fromAsync({@@asyncIterator: ${name}})`, () => Array.fromAsync({ [Symbol.asyncIterator]: v }));
  for (const [name, v] of BAD) await at(`fromAsync({@@iterator: ${name}})`, () => Array.fromAsync({ [Symbol.iterator]: v }));
  for (const [name, v] of BAD) await at(`fromAsync({@@asyncIterator() ${name}})`, () => Array.fromAsync({ [Symbol.asyncIterator]() { return v; } }));
  for (const [name, v] of BAD) await at(`fromAsync({@@iterator() ${name}})`, () => Array.fromAsync({ [Symbol.iterator]() { return v; } }));
  for (const [name, v] of BAD) await at(`fromAsync: next ${name}`, () => Array.fromAsync({ [Symbol.asyncIterator]() { return { next: v }; } }));
  for (const [name, v] of BAD.filter(([, v]) => Object(v) !== v)) await at(`fromAsync: next() ${name}`, () => Array.fromAsync({ [Symbol.asyncIterator]() { return { next() { return v; } }; } }));
  for (const [name, v] of BAD.filter(([, v]) => Object(v) !== v)) await at(`fromAsync: sync next() ${name}`, () => Array.fromAsync({ [Symbol.iterator]() { return { next() { return v; } }; } }));
  for (const [name, v] of BAD) await at(`fromAsync: sync next ${name}`, () => Array.fromAsync({ [Symbol.iterator]() { return { next: v }; } }));
  for (const [name, v] of BAD) await at(`fromAsync({length: ${name}})`, () => Array.fromAsync({ length: v, 0: 'a', 1: 'b' }));
  for (const [name, v] of BAD) await at(`fromAsync.call(${name}, [1])`, () => Array.fromAsync.call(v, [1]));
  if (typeof Promise.withResolvers === 'function') for (const [name, v] of BAD) await at(`withResolvers.call(${name})`, () => Promise.withResolvers.call(v) && 'ok');
  if (typeof Promise.try === 'function') {
    for (const [name, v] of BAD) await at(`try.call(${name})`, () => Promise.try.call(v, () => 1));
    for (const [name, v] of BAD) await at(`try(${name})`, () => Promise.try(v));
  }
})();
