// Node 24+'s Error.isError, RegExp.escape and Atomics.pause: results, errors and shapes.
const t = (label, f) => {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, `${e.constructor.name}: ${e.message}`);
  }
};
class MyError extends Error {}
t('isError', () => [new Error('x'), new TypeError('y'), new MyError('z'), Object.create(Error.prototype), { message: 'm' }, 1, null].map((x) => Error.isError(x)));
const escaped = RegExp.escape('1a.b-c d\u2028é\uD800/(x)*?[y]{2}|^$\\,=<>#&!%:;@~\'`"\t\n_ok');
console.log(escaped);
console.log(new RegExp(RegExp.escape('a.b*c')).test('xa.b*cx'), new RegExp(RegExp.escape('a.b*c')).test('aXbbc'));
t('escape 1', () => RegExp.escape(1));
t('pause', () => [Atomics.pause(), Atomics.pause(3), Atomics.pause(-1)]);
t('pause 1.5', () => Atomics.pause(1.5));
t('pause "1"', () => Atomics.pause('1'));
console.log(Error.isError.length, RegExp.escape.length, Atomics.pause.length, RegExp.escape.name);
(async () => {
  await null;
  try {
    await Promise.reject(new TypeError('later'));
  } catch (e) {
    console.log('caught is error', Error.isError(e));
  }
})();
