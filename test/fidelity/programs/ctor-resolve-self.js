// Resolving a promise with itself rejects it with a TypeError.
const log = (s) => console.log(s);
let resolveSelf;
const p = new Promise((r) => { resolveSelf = r; });
resolveSelf(p);
p.catch((e) => log(e.constructor.name + ': ' + e.message));
const q = Promise.resolve().then(() => q);
q.catch((e) => log('then-cycle: ' + e.constructor.name + ': ' + e.message));
