// throw inside the for await body closes the iterator, then the error propagates.
const log = (s) => console.log(s);
const iterable = {
  [Symbol.asyncIterator]() {
    let i = 0;
    return {
      next() {
        i++;
        return Promise.resolve({ value: i, done: i > 5 });
      },
      return() {
        log('return() called');
        return Promise.resolve({ done: true });
      },
    };
  },
};
(async () => {
  try {
    for await (const v of iterable) {
      log('body ' + v);
      if (v === 2) throw new Error('stop at 2');
    }
  } catch (e) {
    log('caught ' + e.message);
  }
})();
