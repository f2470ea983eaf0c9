// AsyncFunction / AsyncGeneratorFunction reached through the prototype chain build functions that
// run on the event loop like the program's own (ticks against a then chain), print and read as
// Node's; a body that does not parse is V8's SyntaxError.
const AF = Object.getPrototypeOf(async () => {}).constructor;
const AGF = Object.getPrototypeOf(async function* () {}).constructor;
const d = new AF('a', 'b', 'await null; console.log("dyn after await"); return a + b');
console.log(d.toString());
console.log(d, d.name, d.length, AF.name, AF.length, Object.getPrototypeOf(AF) === Function);
Promise.resolve().then(() => console.log('then 1')).then(() => console.log('then 2')).then(() => console.log('then 3'));
d(1, 2).then((v) => console.log('dyn result', v));
const dg = AGF('n', 'for (let i = 0; i < n; i++) yield i;');
(async () => {
  for await (const v of dg(2)) console.log('dyn gen', v);
})();
try {
  AF('await await');
} catch (e) {
  console.log(e.name, e.message);
}
console.log(AF('return 1') instanceof Function, typeof AF.prototype, AF.prototype === Object.getPrototypeOf(d));
