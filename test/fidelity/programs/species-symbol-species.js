// Symbol.species redirects the derived promise's constructor.
const log = (s) => console.log(s);
class Plain extends Promise {
  static get [Symbol.species]() { return Promise; }
}
const a = Plain.resolve(1);
const b = a.then((x) => x);
log('a is Plain: ' + (a instanceof Plain) + ', b is Plain: ' + (b instanceof Plain) + ', b is Promise: ' + (b instanceof Promise));
log('Promise[Symbol.species] === Promise: ' + (Promise[Symbol.species] === Promise));
class Weird extends Promise {
  static get [Symbol.species]() { return undefined; }
}
const w = Weird.resolve(2).then((x) => x);
log('species undefined -> default constructor Weird? ' + (w instanceof Weird));
b.then((v) => log('b value ' + v));
