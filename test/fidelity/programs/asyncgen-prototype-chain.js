// An async generator object inherits from its function's own `prototype` (each function object
// has its own), whose parent is %AsyncGeneratorPrototype%: own `constructor`, `next`, `return`,
// `throw` and Symbol.toStringTag. A `prototype` replaced by a non-object falls back to it.
async function* g() { yield 1; }
const it = g();
const AGP = Object.getPrototypeOf(g).prototype;
console.log(Object.getPrototypeOf(it) === g.prototype, Object.getPrototypeOf(g.prototype) === AGP);
console.log(Object.getOwnPropertyNames(AGP), AGP[Symbol.toStringTag], Object.prototype.toString.call(it));
console.log(Object.getOwnPropertyDescriptor(AGP, 'constructor'));
console.log(AGP.constructor === Object.getPrototypeOf(g), AGP, it);
const make = () => async function* () {};
const a = make();
const b = make();
console.log(a.prototype !== b.prototype, Object.getPrototypeOf(a()) === a.prototype, Object.getPrototypeOf(b()) === b.prototype);
const anon = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}()));
console.log(anon === AGP, Object.getOwnPropertySymbols(anon).map(String));
g.prototype.extra = 'from g.prototype';
console.log(it.extra);
g.prototype = null;
console.log(Object.getPrototypeOf(g()) === AGP);
const withParams = async function* (x = console.log('params first')) { yield x; };
const realPrototype = withParams.prototype;
withParams.prototype = 42;
console.log(Object.getPrototypeOf(withParams()) === AGP, realPrototype !== AGP);
withParams();
it.next().then((r) => console.log(r));
