// Destructuring params with defaults in async functions; default expressions run synchronously.
const log = (s) => console.log(s);
function def(name) {
  log('default evaluated: ' + name);
  return name;
}
async function f({ a = def('a'), b: [b1, b2 = def('b2')] = [1] } = {}, c = def('c')) {
  log('body start');
  await null;
  return [a, b1, b2, c].join(',');
}
f().then((v) => log('f() -> ' + v));
f({ a: 'A', b: ['x', 'y'] }, 'C').then((v) => log('f(...) -> ' + v));
log('sync end');
