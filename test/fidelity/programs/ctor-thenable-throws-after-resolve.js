// Resolving with a thenable whose then() resolves and then throws: the throw is ignored.
const log = (s) => console.log(s);
const thenable = {
  then(resolve) {
    log('then called');
    resolve('from thenable');
    throw new Error('ignored after resolving');
  },
};
new Promise((r) => r(thenable)).then((v) => log('resolved: ' + v), (e) => log('rejected: ' + e.message));
const throwsBefore = { then() { throw new Error('throws before resolving'); } };
new Promise((r) => r(throwsBefore)).then((v) => log('no ' + v), (e) => log('rejected: ' + e.message));
log('sync end');
