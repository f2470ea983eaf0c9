// Sync generators driving async work, and a sync generator used as a coroutine runner.
const log = (s) => console.log(s);
function* steps() {
  const a = yield Promise.resolve(1);
  log('got a=' + a);
  const b = yield new Promise((r) => setTimeout(() => r(2), 5));
  log('got b=' + b);
  return a + b;
}
function run(gen) {
  return new Promise((resolve, reject) => {
    const it = gen();
    const step = (method, arg) => {
      let r;
      try { r = it[method](arg); } catch (e) { return reject(e); }
      if (r.done) return resolve(r.value);
      Promise.resolve(r.value).then((v) => step('next', v), (e) => step('throw', e));
    };
    step('next');
  });
}
run(steps).then((v) => log('result ' + v));
const g = steps();
log(JSON.stringify(Object.keys(g.next())));
log('return: ' + JSON.stringify(g.return('early')));
