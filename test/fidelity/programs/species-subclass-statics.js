// Static combinators called on a subclass return subclass instances; Promise.resolve identity.
const log = (s) => console.log(s);
class MyP extends Promise {}
const all = MyP.all([1, 2]);
const race = MyP.race([1]);
const res = MyP.resolve(3);
const rej = MyP.reject(4);
rej.catch(() => {});
log('all ' + (all instanceof MyP) + ', race ' + (race instanceof MyP) + ', resolve ' + (res instanceof MyP) + ', reject ' + (rej instanceof MyP));
log('MyP.resolve(myp) === myp: ' + (MyP.resolve(res) === res));
log('Promise.resolve(myp) === myp: ' + (Promise.resolve(res) === res));
const native = Promise.resolve(5);
log('MyP.resolve(native) === native: ' + (MyP.resolve(native) === native));
all.then((v) => log('all -> ' + v));
