// Empty inputs: all/allSettled resolve with [], any rejects with AggregateError, race stays pending.
const log = (s) => console.log(s);
const raced = Promise.race([]);
Promise.all([]).then((v) => log('all [] -> ' + JSON.stringify(v)));
Promise.allSettled([]).then((v) => log('allSettled [] -> ' + JSON.stringify(v)));
Promise.any([]).catch((e) => log('any [] -> ' + e.constructor.name + ' errors=' + JSON.stringify(e.errors) + ' msg=' + e.message));
Promise.all(new Set()).then((v) => log('all(Set) -> ' + v.length));
Promise.all('').then((v) => log("all('') -> " + v.length));
setTimeout(() => log('race([]) still ' + require('util').inspect(raced)), 5);
Promise.resolve().then(() => log('m1')).then(() => log('m2'));
