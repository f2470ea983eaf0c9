// try/finally with awaits inside try and inside finally; the finally's await delays the return.
const log = (s) => console.log(s);
async function f() {
  try {
    log('try');
    await null;
    return 'from try';
  } finally {
    log('finally start');
    await null;
    log('finally end');
  }
}
async function g() {
  try {
    await Promise.reject(new Error('boom'));
  } catch (e) {
    log('g catch ' + e.message);
    await null;
    return 'from catch';
  } finally {
    log('g finally');
  }
}
f().then((v) => log('f -> ' + v));
g().then((v) => log('g -> ' + v));
Promise.resolve().then(() => log('x1')).then(() => log('x2')).then(() => log('x3'));
