// catch() and finally() look up and call this.then (observable by patching).
const log = (s) => console.log(s);
const p = Promise.resolve('x');
const origThen = p.then;
p.then = function (a, b) {
  log('then called with ' + typeof a + ', ' + typeof b);
  return origThen.call(this, a, b);
};
p.catch(() => {});
p.finally(() => log('finally ran'));
