// Instrumented async functions look async: name/length, own keys (no prototype; a generator
// function has one), not constructible, util.inspect, toStringTag, util.types, the user's source for
// toString, the prototype chain, named function expressions that see themselves.
const util = require('util');
class A { static async m(a) { return 1 } async n() {} }
const o = { async p(x) {}, q: async function () {}, r: async () => 1 };
console.log(A.m.toString()); console.log(A.prototype.n.toString()); console.log(o.p.toString(), o.q.toString(), o.r.toString());
console.log(f.name, f.length, g.name);
async function f(a, b) {}
async function* g() {}
console.log(Object.getOwnPropertyNames(f), Object.getOwnPropertyNames(g), Object.getOwnPropertyNames(o.p));
try { new f() } catch (e) { console.log(e.message) }
console.log(f, g, o, A.m, [o.r], f[Symbol.toStringTag], g[Symbol.toStringTag], Object.prototype.toString.call(f));
console.log(util.types.isAsyncFunction(f), util.types.isGeneratorFunction(g), util.types.isAsyncFunction(o.r), util.types.isGeneratorFunction(f));
console.log(Object.getPrototypeOf(g.prototype) === Object.getPrototypeOf(g).prototype, Object.getPrototypeOf(f) === Object.getPrototypeOf(async function(){}));
const x = async function () {}, y = async function named() { return named; };
console.log(x.name, y.name, typeof y, String(f));
y().then(v => console.log(v === y));
f.extra = 1; console.log(f);
console.log(Function.prototype.toString.toString(), (async (a, b) => {}).length);
