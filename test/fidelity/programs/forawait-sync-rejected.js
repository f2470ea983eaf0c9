// for await over a sync iterable yielding a rejected promise: the loop throws, and in Node 20
// and 22 the sync iterator is NOT closed (its return() is not called) when the value rejects;
// Node 24 and 26 (ES2025, V8 12.x) close it.
const log = (s) => console.log(s);
const iterable = {
  [Symbol.iterator]() {
    let i = 0;
    return {
      next() {
        i++;
        log('next ' + i);
        if (i === 1) return { value: Promise.resolve('ok'), done: false };
        if (i === 2) return { value: Promise.reject(new Error('bad')), done: false };
        return { value: undefined, done: true };
      },
      return() {
        log('return called');
        return { done: true };
      },
    };
  },
};
(async () => {
  try {
    for await (const v of iterable) log('body ' + v);
  } catch (e) {
    log('caught ' + e.message);
  }
})();
