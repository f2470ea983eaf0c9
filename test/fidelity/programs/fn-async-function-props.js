// name/length/prototype of async functions, AsyncFunction constructor.
const log = (s) => console.log(s);
async function named(a, b) {}
const arrow = async (x) => x;
async function* agen() {}
log(named.name + ' ' + named.length + ' ' + ('prototype' in named));
log(arrow.name + ' ' + arrow.length);
log(typeof agen.prototype + ' ' + ('prototype' in agen));
const AsyncFunction = Object.getPrototypeOf(named).constructor;
log(AsyncFunction.name);
const dyn = new AsyncFunction('a', 'return await a * 2');
dyn(21).then((v) => log('dynamic async function -> ' + v));
log(named.constructor === AsyncFunction);
