// A hand-written async iterator whose next() returns non-promise objects and thenables.
const log = (s) => console.log(s);
const iterable = {
  [Symbol.asyncIterator]() {
    let i = 0;
    return {
      next() {
        i++;
        if (i === 1) return { value: 'plain object', done: false };
        if (i === 2) return { then(r) { r({ value: 'thenable', done: false }); } };
        if (i === 3) return Promise.resolve({ value: Promise.resolve('promise value not awaited'), done: false });
        return Promise.resolve({ done: true, value: 'ignored' });
      },
    };
  },
};
(async () => {
  for await (const v of iterable) log('value: ' + (v instanceof Promise ? 'a Promise' : v));
  log('done');
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4')).then(() => log('m5'));
