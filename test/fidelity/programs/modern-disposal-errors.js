// node: >=24
// DisposableStack / AsyncDisposableStack / iterator dispose errors: bad receivers, non-callable dispose methods (a proxy refused on Node 24, called on 26), a disposed stack, disposeAsync and @@asyncDispose rejections.
const show = (x) => { try { if (typeof x === 'symbol') return x.toString(); if (typeof x === 'bigint') return `${x}n`; if (typeof x === 'function') return 'fn'; if (typeof x === 'string') return JSON.stringify(x); if (Array.isArray(x)) return `[${x.map(show)}]`; if (x && typeof x === 'object') return Object.prototype.toString.call(x); return String(x); } catch (e) { return `<${e.message}>`; } };
const t = (label, f) => { try { console.log(label, 'ok', show(f())); } catch (e) { console.log(label, e.constructor.name, e.message); } };
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const BAD = [['[]', []], ['{}', {}], ['3', 3], ["'x'", 'x'], ['null', null], ['undefined', undefined], ['true', true], ['10n', 10n], ['sym', Symbol('s')], ['fn', () => 1], ['proxy', new Proxy({}, {})], ['revoked', revoked({})], ['revokedFn', revoked(function g() {})], ['date', new Date(0)], ['NaN', NaN], ['-1', -1], ['Infinity', Infinity], ['-Infinity', -Infinity], ['2.5', 2.5], ["'2'", '2'], ['-0.5', -0.5], ['2**53', 2 ** 53]];
for (const C of ['DisposableStack', 'AsyncDisposableStack']) {
  const Ctor = globalThis[C];
  t(`${C}()`, () => Ctor());
  const P = Ctor.prototype;
  const names = C === 'DisposableStack' ? ['adopt', 'defer', 'dispose', 'move', 'use'] : ['adopt', 'defer', 'move', 'use'];
  for (const m of names) for (const [name, v] of BAD) t(`${C}.${m}.call(${name})`, () => P[m].call(v, null, () => 1));
  for (const [name, v] of BAD) t(`${C}.disposed.call(${name})`, () => Object.getOwnPropertyDescriptor(P, 'disposed').get.call(v));
  for (const [name, v] of BAD) t(`${C}.use(${name})`, () => new Ctor().use(v));
  for (const [name, v] of BAD) t(`${C}.use({dispose: ${name}})`, () => new Ctor().use({ [Symbol.dispose]: v }));
  if (C === 'AsyncDisposableStack') for (const [name, v] of BAD) t(`${C}.use({asyncDispose: ${name}})`, () => new Ctor().use({ [Symbol.asyncDispose]: v }));
  for (const [name, v] of BAD) t(`${C}.adopt(1, ${name})`, () => new Ctor().adopt(1, v));
  for (const [name, v] of BAD) t(`${C}.defer(${name})`, () => new Ctor().defer(v));
  for (const m of names) t(`${C} disposed ${m}`, () => { const s = new Ctor(); s.move(); return s[m](null, () => 1); });
}
for (const [name, v] of BAD) t(`Iterator.prototype[@@dispose] return ${name}`, () => Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))[Symbol.dispose].call({ return: v }));
for (const [name, v] of BAD) t(`SuppressedError(${name})`, () => { const e = new SuppressedError(v, v, v); return `${e.message}|${typeof e.error}`; });
(async () => {
  for (const [name, v] of BAD) { try { await AsyncDisposableStack.prototype.disposeAsync.call(v); console.log('disposeAsync', name, 'ok'); } catch (e) { console.log('disposeAsync', name, e.constructor.name, e.message); } }
  const AIP = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}.prototype));
  for (const [name, v] of BAD) { try { await AIP[Symbol.asyncDispose].call({ return: v }); console.log('asyncDispose', name, 'ok'); } catch (e) { console.log('asyncDispose', name, e.constructor.name, e.message); } }
  for (const [name, v] of BAD) { try { const s = new AsyncDisposableStack(); s.use({ [Symbol.dispose]: v }); await s.disposeAsync(); console.log('asyncStack dispose', name, 'ok'); } catch (e) { console.log('asyncStack dispose', name, e.constructor.name, e.message); } }
})();
