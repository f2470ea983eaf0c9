// Combinators consume generator inputs lazily but fully and synchronously.
const log = (s) => console.log(s);
function* inputs() {
  log('gen: yield 1');
  yield Promise.resolve(1);
  log('gen: yield 2');
  yield 2;
  log('gen: finished');
}
Promise.all(inputs()).then((v) => log('all ' + v));
log('after Promise.all call');
Promise.race(inputs()).then((v) => log('race ' + v));
log('sync end');
