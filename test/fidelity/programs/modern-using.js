// node: >=24
// `using` declarations: disposal at the end of each scope in reverse order, on return, break
// and throw; errors chained in SuppressedError; for-of gets a scope per iteration.
const res = (name, throws) => ({ [Symbol.dispose]() { console.log(`dispose ${name}`); if (throws) throw new Error(name); } });
{
  using a = res('a'), b = res('b');
  using nothing = null;
  console.log('in block', nothing);
}
function early(flag) {
  using r = res(`early ${flag}`);
  if (flag) return 'returned';
  console.log('not returned');
  return 'end';
}
console.log(early(true), early(false));
for (using it of [res('it1'), res('it2')]) console.log('iteration');
outer: for (let i = 0; i < 3; i++) {
  using loop = res(`loop ${i}`);
  if (i === 1) break outer;
}
try {
  using x = res('x', true);
  using y = res('y', true);
  throw new Error('body');
} catch (e) {
  console.log(e.name, e.message, e.error.message);
  console.log(' ', e.suppressed.name, e.suppressed.error.message, e.suppressed.suppressed.message);
}
try {
  using bad = 42;
} catch (e) {
  console.log(e.constructor.name, e.message);
}
// An anonymous function gets the binding's name; disposed when the module's body ends.
Function.prototype[Symbol.dispose] = function () { console.log(`disposed ${this.name} at the end of the module`); };
using fn = function () {};
console.log(fn.name);
console.log('last line');
