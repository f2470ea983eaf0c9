// An iterable whose next() throws mid-way: Promise.all rejects with that error and does NOT
// call return(); a throwing Symbol.iterator rejects too.
const log = (s) => console.log(s);
const iterable = {
  [Symbol.iterator]() {
    let i = 0;
    return {
      next() {
        if (++i > 2) throw new Error('next threw at ' + i);
        return { value: i, done: false };
      },
      return() { log('return called (unexpected)'); return {}; },
    };
  },
};
Promise.all(iterable).catch((e) => log('all rejected: ' + e.message));
Promise.race({ [Symbol.iterator]() { throw new Error('no iterator'); } }).catch((e) => log('race rejected: ' + e.message));
Promise.all(5).catch((e) => log('all(5): ' + e.constructor.name));
log('sync end');
