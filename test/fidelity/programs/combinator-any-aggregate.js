// Promise.any: first fulfilment wins; all rejected -> AggregateError with .errors in input order.
const log = (s) => console.log(s);
const rejectAfter = (v, ms) => new Promise((_, rej) => setTimeout(() => rej(v), ms));
Promise.any([rejectAfter('e1', 80), rejectAfter('e2', 20), Promise.reject('e3')]).catch((e) => {
  log('name ' + e.name);
  log('instanceof AggregateError ' + (e instanceof AggregateError));
  log('message ' + e.message);
  log('errors ' + JSON.stringify(e.errors));
  log('errors is array ' + Array.isArray(e.errors));
});
Promise.any([rejectAfter('x', 1), new Promise((r) => setTimeout(() => r('winner'), 50))]).then((v) => log('any -> ' + v));
