// Combinators look up `this.resolve` once per call and call it once per element.
const log = (s) => console.log(s);
let calls = 0;
const originalResolve = Promise.resolve;
Promise.resolve = function (v) {
  calls++;
  return originalResolve.call(this, v);
};
Promise.all([1, 2, 3]).then((v) => {
  log('all ' + v + ' resolve calls=' + calls);
  Promise.resolve = originalResolve;
});
