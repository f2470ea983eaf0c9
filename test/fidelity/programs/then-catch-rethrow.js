// catch that rethrows, catch that returns, errors of non-Error types.
const log = (s) => console.log(s);
Promise.reject(1)
  .catch((e) => { log('c1 ' + e); throw e + 1; })
  .catch((e) => { log('c2 ' + e); return e + 1; })
  .then((v) => { log('then ' + v); throw { n: v + 1 }; })
  .catch((e) => log('c3 ' + JSON.stringify(e)))
  .then((v) => log('end ' + v));
