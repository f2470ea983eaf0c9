// node: >=22
// Array.fromAsync: async and sync iterables, array-likes, a mapping function that is awaited,
// errors closing the iterator; each value costs the ticks of an await.
const log = [];
const tick = (n) => { let p = Promise.resolve(); for (let i = 1; i <= n; i++) { const k = i; p = p.then(() => log.push(`tick ${k}`)); } return p; };
tick(14).then(() => console.log(log.join('\n')));
async function* gen() { log.push('gen start'); yield 1; yield Promise.resolve(2); log.push('gen end'); }
Array.fromAsync(gen()).then((a) => log.push(`gen ${JSON.stringify(a)}`));
Array.fromAsync([Promise.resolve('x'), 'y']).then((a) => log.push(`sync ${JSON.stringify(a)}`));
Array.fromAsync({ length: 2, 0: 'p', 1: Promise.resolve('q') }, async (v, i) => `${v}${i}`).then((a) => log.push(`array-like ${JSON.stringify(a)}`));
const closing = {
  [Symbol.iterator]() {
    let i = 0;
    return { next: () => ({ value: i++, done: false }), return: () => { log.push('return called'); return {}; } };
  },
};
Array.fromAsync(closing, (v) => { if (v === 1) throw new Error('map throws'); return v; }).catch((e) => log.push(`rejected ${e.message}`));
Array.fromAsync(null).catch((e) => log.push(`null: ${e.constructor.name}`));
Array.fromAsync([1], 'not a function').catch((e) => log.push(`bad mapfn: ${e.constructor.name}`));
class MyArray { constructor() { log.push('MyArray constructed'); } }
Array.fromAsync.call(MyArray, [1, 2]).then((a) => log.push(`MyArray ${a instanceof MyArray} ${a.length}`));
console.log(Array.fromAsync.length, Array.fromAsync.name);
