// When resolving an element fails (promiseResolve's `then` lookup throws), the combinator
// closes the iterator: return() is called. Also with a throwing Promise.resolve.
const log = (s) => console.log(s);
const makeIterable = (name, bad) => ({
  [Symbol.iterator]() {
    let i = 0;
    return {
      next() {
        i++;
        return i <= 3 ? { value: i === 2 ? bad : i, done: false } : { done: true };
      },
      return() {
        log(name + ': return() called');
        return {};
      },
    };
  },
});
const poisoned = Promise.resolve(1);
Object.defineProperty(poisoned, 'then', { get() { throw new Error('then getter throws'); } });
for (const name of ['all', 'allSettled', 'any', 'race']) {
  Promise[name](makeIterable(name, poisoned)).then(
    () => log(name + ' resolved'),
    (e) => log(name + ' rejected: ' + e.message),
  );
}
class BadResolve extends Promise {
  static resolve() { throw new Error('resolve throws'); }
}
Promise.all.call(BadResolve, makeIterable('BadResolve.all', 2)).catch((e) => log('BadResolve.all rejected: ' + e.message));
