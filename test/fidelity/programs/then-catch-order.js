// Interleaving of independent then/catch chains, one microtask per link.
const log = (s) => console.log(s);
Promise.resolve()
  .then(() => log('A1'))
  .then(() => { log('A2'); throw new Error('x'); })
  .then(() => log('A3 skipped'))
  .catch(() => log('A4 catch'))
  .then(() => log('A5'));
Promise.reject(new Error('y'))
  .then(() => log('B1 skipped'))
  .catch(() => log('B2 catch'))
  .then(() => log('B3'))
  .then(() => log('B4'));
log('sync');
