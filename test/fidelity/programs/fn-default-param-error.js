// An error thrown while evaluating default params (or destructuring) rejects the returned
// promise instead of throwing synchronously.
const log = (s) => console.log(s);
async function f(x = (() => { throw new Error('default threw'); })()) {
  log('body never runs');
}
async function g({ required }) {
  return required;
}
let p;
try {
  p = f();
  log('f() returned a promise: ' + (p instanceof Promise));
} catch (e) {
  log('sync throw (wrong)');
}
p.catch((e) => log('rejected: ' + e.message));
g().catch((e) => log('g() rejected: ' + e.constructor.name));
g({ required: 'ok' }).then((v) => log('g -> ' + v));
