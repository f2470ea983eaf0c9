// Node 26's Iterator.concat, Uint8Array base64/hex and Map/WeakMap getOrInsert(Computed):
// results, what runs when (a logging iterable), what setFrom… writes before it throws, errors.
const t = (label, f) => {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, `${e.constructor.name}: ${e.message}`);
  }
};
const logged = (name, values) => ({
  [Symbol.iterator]() {
    console.log('open', name);
    let i = 0;
    return { next: () => (i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true }), return: () => (console.log('return', name), {}) };
  },
});
const it = Iterator.concat(logged('a', [1, 2]), [3], logged('b', [4, 5]));
console.log(Object.prototype.toString.call(it), typeof it.map);
console.log(it.next(), it.next(), it.next(), it.next());
console.log(it.return(), it.next());
console.log([...Iterator.concat()], Iterator.concat([1], new Set([2, 3])).toArray());
t('concat 1', () => Iterator.concat(1));
t('concat {}', () => Iterator.concat({}));
const u = new Uint8Array([104, 105, 251, 255, 0]);
console.log(u.toBase64(), u.toBase64({ alphabet: 'base64url', omitPadding: true }), u.toHex());
console.log(Uint8Array.fromBase64('aGk+/w==').join(), Uint8Array.fromBase64(' aG k- _w', { alphabet: 'base64url' }).join(), Uint8Array.fromHex('00ffA0').join());
for (const mode of ['loose', 'strict', 'stop-before-partial']) {
  for (const input of ['aGk', 'aGk=', 'aR==', 'a', 'aGVsbG8']) t(`fromBase64 ${mode} ${input}`, () => Uint8Array.fromBase64(input, { lastChunkHandling: mode }).join());
}
t('bad char', () => Uint8Array.fromBase64('a*'));
t('bad alphabet', () => Uint8Array.fromBase64('aGk=', { alphabet: 'x' }));
t('odd hex', () => Uint8Array.fromHex('abc'));
t('bad hex', () => Uint8Array.fromHex('zz'));
t('not string', () => Uint8Array.fromHex(5));
const into = new Uint8Array(4);
t('setFromBase64', () => JSON.stringify(into.setFromBase64('aGVsbG8=')) + ' ' + into.join());
const into2 = new Uint8Array(4);
t('setFromBase64 throws', () => into2.setFromBase64('aGVsbG8*'));
console.log(into2.join());
const into3 = new Uint8Array(4);
t('setFromHex throws', () => into3.setFromHex('abzz'));
console.log(into3.join(), JSON.stringify(new Uint8Array(2).setFromHex('abcdef')));
t('toHex receiver', () => Uint8Array.prototype.toHex.call({}));
const m = new Map([[1, 'one']]);
console.log(m.getOrInsert(1, 'uno'), m.getOrInsert(2, 'two'), m.getOrInsertComputed(3, (k) => (m.set(3, 'inner'), `computed ${k}`)), [...m]);
console.log(m.getOrInsertComputed(-0, (k) => Object.is(k, 0)), [...m.keys()].length);
t('computed not fn', () => m.getOrInsertComputed(9, 2));
const wm = new WeakMap();
const key = {};
console.log(wm.getOrInsert(key, 1), wm.getOrInsertComputed(key, () => 2));
t('weak key', () => wm.getOrInsert(1, 2));
(async () => {
  for await (const v of Iterator.concat([1], [2])) console.log('for await', v);
})();
// setFromBase64 that fills the array before the input ends: what V8 still checks.
for (const [s, o] of [['aGVsbG8', {}], ['aGVsbG8a1', {}], ['aGVsbG8', { lastChunkHandling: 'strict' }], ['aGVsbG8=', { lastChunkHandling: 'strict' }], ['aGVsbG8*', { lastChunkHandling: 'stop-before-partial' }], ['aGVs*', {}]]) {
  const small = new Uint8Array(4);
  t(`full ${s} ${JSON.stringify(o)}`, () => JSON.stringify(small.setFromBase64(s, o)) + ' ' + small.join());
}
