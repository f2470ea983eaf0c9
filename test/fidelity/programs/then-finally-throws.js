// finally throwing or returning a rejected promise replaces the outcome.
const log = (s) => console.log(s);
Promise.resolve('ok')
  .finally(() => { throw new Error('from finally'); })
  .then((v) => log('not ' + v), (e) => log('1: ' + e.message));
Promise.reject('original')
  .finally(() => Promise.reject('replacement'))
  .catch((e) => log('2: ' + e));
Promise.reject('kept')
  .finally(() => 'nothing')
  .catch((e) => log('3: ' + e));
