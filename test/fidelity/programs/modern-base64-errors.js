// node: >=26
// Uint8Array base64/hex errors: bad receivers (another typed array, detached), bad inputs and options, each lastChunkHandling mode's SyntaxError.
const show = (x) => { try { if (typeof x === 'symbol') return x.toString(); if (typeof x === 'bigint') return `${x}n`; if (typeof x === 'function') return 'fn'; if (typeof x === 'string') return JSON.stringify(x); if (Array.isArray(x)) return `[${x.map(show)}]`; if (x && typeof x === 'object') return Object.prototype.toString.call(x); return String(x); } catch (e) { return `<${e.message}>`; } };
const t = (label, f) => { try { console.log(label, 'ok', show(f())); } catch (e) { console.log(label, e.constructor.name, e.message); } };
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const BAD = [['[]', []], ['{}', {}], ['3', 3], ["'x'", 'x'], ['null', null], ['undefined', undefined], ['true', true], ['10n', 10n], ['sym', Symbol('s')], ['fn', () => 1], ['proxy', new Proxy({}, {})], ['revoked', revoked({})], ['revokedFn', revoked(function g() {})], ['date', new Date(0)], ['NaN', NaN], ['-1', -1], ['Infinity', Infinity], ['-Infinity', -Infinity], ['2.5', 2.5], ["'2'", '2'], ['-0.5', -0.5], ['2**53', 2 ** 53]];
const U = Uint8Array;
for (const [name, v] of BAD) t(`fromBase64(${name})`, () => U.fromBase64(v));
for (const [name, v] of BAD) t(`fromBase64('', ${name})`, () => U.fromBase64('', v));
for (const [name, v] of BAD) t(`fromBase64('', {alphabet: ${name}})`, () => U.fromBase64('', { alphabet: v }));
for (const [name, v] of BAD) t(`fromBase64('', {lastChunkHandling: ${name}})`, () => U.fromBase64('', { lastChunkHandling: v }));
for (const [name, v] of BAD) t(`fromHex(${name})`, () => U.fromHex(v));
for (const m of ['toBase64', 'toHex']) for (const [name, v] of BAD) t(`${m}.call(${name})`, () => U.prototype[m].call(v));
for (const [name, v] of BAD) t(`toBase64(${name})`, () => new U(3).toBase64(v));
for (const [name, v] of BAD) t(`toBase64({alphabet: ${name}})`, () => new U(3).toBase64({ alphabet: v }));
for (const [name, v] of BAD) t(`toBase64({omitPadding: ${name}})`, () => new U(1).toBase64({ omitPadding: v }));
for (const m of ['setFromBase64', 'setFromHex']) for (const [name, v] of BAD) t(`${m}.call(${name})`, () => U.prototype[m].call(v, ''));
for (const m of ['setFromBase64', 'setFromHex']) for (const [name, v] of BAD) t(`${m}(${name})`, () => new U(3)[m](v));
for (const [name, v] of BAD) t(`setFromBase64('', ${name})`, () => new U(3).setFromBase64('', v));
t('toBase64 on Int8Array', () => U.prototype.toBase64.call(new Int8Array(1)));
t('detached toBase64', () => { const b = new ArrayBuffer(4); const u = new U(b); structuredClone(b, { transfer: [b] }); return u.toBase64(); });
t('detached toHex', () => { const b = new ArrayBuffer(4); const u = new U(b); structuredClone(b, { transfer: [b] }); return u.toHex(); });
t('detached setFromHex', () => { const b = new ArrayBuffer(4); const u = new U(b); structuredClone(b, { transfer: [b] }); return u.setFromHex('00'); });
t('detached setFromBase64', () => { const b = new ArrayBuffer(4); const u = new U(b); structuredClone(b, { transfer: [b] }); return u.setFromBase64('AA=='); });
for (const s of ['A', 'AB', 'ABC', 'A===', 'AB=', 'AB==x', 'AB=x', '!', 'ABCD!', 'AB C D', 'ABC=', 'ABCDE', 'zz==']) {
  for (const mode of ['loose', 'strict', 'stop-before-partial']) t(`fromBase64(${JSON.stringify(s)}, ${mode})`, () => [...U.fromBase64(s, { lastChunkHandling: mode })]);
}
for (const s of ['a', 'zz', '0g', 'aabb', 'aab', ' aa']) t(`fromHex(${JSON.stringify(s)})`, () => [...U.fromHex(s)]);
for (const s of ['zz', '0g', 'aabbcc', 'aab', 'aabbccdd', 'aa!!']) t(`setFromHex(${JSON.stringify(s)})`, () => { const u = new U(2); const r = u.setFromHex(s); return [r.read, r.written, ...u]; });
