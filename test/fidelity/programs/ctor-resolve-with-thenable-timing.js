// resolve(thenable) calls then() in a later job, not synchronously.
const log = (s) => console.log(s);
const thenable = { then(r) { log('thenable.then runs'); r('T'); } };
const p = new Promise((resolve) => {
  log('executor: resolving with thenable');
  resolve(thenable);
  log('executor: after resolve');
});
p.then((v) => log('p -> ' + v));
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
log('sync end');
