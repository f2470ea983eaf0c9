// Async functions always return native promises, even when returning a subclass instance.
const log = (s) => console.log(s);
class MyP extends Promise {}
async function f() { return MyP.resolve('inner'); }
const r = f();
log('async result is MyP: ' + (r instanceof MyP) + ', is Promise: ' + (r.constructor === Promise));
r.then((v) => log('value ' + v));
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
