// A species constructor that logs and wraps the executor.
const log = (s) => console.log(s);
class Traced extends Promise {
  constructor(executor) {
    super((res, rej) => {
      executor(
        (v) => { log('resolve(' + (v instanceof Promise ? 'promise' : v) + ')'); res(v); },
        (e) => { log('reject(' + e + ')'); rej(e); },
      );
    });
  }
}
Traced.resolve('a')
  .then((v) => v + 'b')
  .then((v) => { throw v + 'c'; })
  .catch((e) => log('caught ' + e));
