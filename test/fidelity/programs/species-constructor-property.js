// Promise.resolve(x) returns x only when x.constructor === the receiver.
const log = (s) => console.log(s);
const p = Promise.resolve(1);
log('same ' + (Promise.resolve(p) === p));
p.constructor = Object;
const q = Promise.resolve(p);
log('after changing constructor: same ' + (q === p));
q.then((v) => log('q value ' + v));
