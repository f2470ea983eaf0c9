// An async iterator whose next() resolves to a non-object: TypeError.
const log = (s) => console.log(s);
const bad = {
  [Symbol.asyncIterator]() {
    return { next() { return Promise.resolve(42); } };
  },
};
(async () => {
  try {
    for await (const v of bad) log('body ' + v);
  } catch (e) {
    log(e.constructor.name + ': ' + e.message);
  }
})();
