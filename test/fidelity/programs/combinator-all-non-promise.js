// Combinators over non-promise values, strings (iterables of characters) and thenables.
const log = (s) => console.log(s);
const thenable = { then(r) { log('thenable.then'); r('T'); } };
Promise.all([1, 'two', null, undefined, thenable]).then((v) => log('all ' + JSON.stringify(v)));
Promise.all('abc').then((v) => log('all(string) ' + JSON.stringify(v)));
Promise.race([thenable, 'x']).then((v) => log('race ' + v));
Promise.any([Promise.reject(1), 'y']).then((v) => log('any ' + v));
Promise.allSettled([thenable, Promise.reject('r')]).then((v) => log('allSettled ' + JSON.stringify(v)));
