// await of a non-native thenable costs a NewPromiseResolveThenableJob: two extra ticks.
const log = (s) => console.log(s);
const thenable = {
  then(resolve) {
    log('thenable.then called');
    resolve('t');
  },
};
(async () => {
  log('A: before await');
  const v = await thenable;
  log('A: resumed with ' + v);
})();
Promise.resolve()
  .then(() => log('tick 1'))
  .then(() => log('tick 2'))
  .then(() => log('tick 3'))
  .then(() => log('tick 4'));
log('sync end');
