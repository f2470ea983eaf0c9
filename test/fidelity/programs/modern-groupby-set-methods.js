// Node 22+'s Object.groupBy / Map.groupBy and the Set methods (ES2024/2025): results, key order,
// which user functions run and in which order (a logging "set-like"), errors, and an await
// between them.
const t = (label, f) => {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, `${e.constructor.name}: ${e.message}`);
  }
};
const items = [{ n: 'a', k: 2 }, { n: 'b', k: 1 }, { n: 'c', k: 2 }, { n: 'd', k: -0 }];
(async () => {
  const byK = Object.groupBy(items, (it, i) => (console.log('key of', it.n, i), it.k));
  console.log(Object.getPrototypeOf(byK), Object.keys(byK), byK[2].map((x) => x.n));
  const m = Map.groupBy(items, (it) => it.k);
  console.log(m instanceof Map, [...m.keys()], Object.is([...m.keys()][2], 0));
  t('groupBy null', () => Object.groupBy(null, (x) => x));
  t('groupBy not fn', () => Object.groupBy([1], 1));
  t('groupBy close', () => {
    const it = { [Symbol.iterator]() { return { next: () => ({ value: 1, done: false }), return: () => (console.log('closed'), {}) }; } };
    return Map.groupBy(it, () => { throw new Error('boom'); });
  });
  await null;
  const log = [];
  const setLike = (values) => ({
    size: values.length,
    has(v) { log.push(`has ${v}`); return values.includes(v); },
    keys() { log.push('keys'); let i = 0; return { next() { log.push('next'); return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true }; }, return() { log.push('return'); return {}; } }; },
  });
  const s = new Set([1, 2, 3]);
  for (const name of ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom']) {
    for (const other of [[2, 3, 4, 5], [2], [9]]) {
      log.length = 0;
      const r = s[name](setLike(other));
      console.log(name, JSON.stringify(other), r instanceof Set ? [...r] : r, log.join(','));
    }
  }
  t('union 5', () => s.union(5));
  t('union NaN', () => s.union({ size: NaN, has() {}, keys() {} }));
  t('union -1', () => s.union({ size: -1, has() {}, keys() {} }));
  t('union has', () => s.union({ size: 1, has: 1, keys() {} }));
  t('union receiver', () => Set.prototype.union.call({}, new Set()));
  console.log(Set.prototype.union.length, Set.prototype.isDisjointFrom.name, Object.groupBy.length, Object.getOwnPropertyDescriptor(Set.prototype, 'union').enumerable);
})();
