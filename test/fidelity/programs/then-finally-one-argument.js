// Promise.prototype.finally calls `then` on the promise its callback's result resolves to with
// ONE argument (§27.2.5.3 thenFinally/catchFinally: Invoke(p, "then", « thunk »)), and on the
// original promise with two: a patched `then` sees each call's arguments.length.
const then = Promise.prototype.then;
const seen = [];
Promise.prototype.then = function (...args) {
  seen.push(args.length + ':' + args.map((a) => typeof a === 'function' ? 'fn' + a.length : String(a)).join(','));
  return then.apply(this, args);
};
Promise.resolve(1).finally(() => 'ignored').then((v) => console.log('fulfilled', v));
Promise.reject(new Error('boom')).finally(() => {}).catch((e) => console.log('rejected', e.message));
setTimeout(() => {
  Promise.prototype.then = then;
  console.log(seen.join('\n'));
}, 5);
