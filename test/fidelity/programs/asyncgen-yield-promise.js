// yield of a promise awaits it (the consumer sees the value, not the promise); yield of a
// rejected promise throws into the generator at the yield.
const log = (s) => console.log(s);
async function* gen() {
  const r = yield Promise.resolve('resolved-value');
  log('gen got ' + r);
  try {
    yield Promise.reject(new Error('rej'));
  } catch (e) {
    log('gen caught ' + e.message);
  }
  yield { then(res) { res('thenable-value'); } };
}
(async () => {
  const it = gen();
  const a = await it.next();
  log('value is promise? ' + (a.value instanceof Promise) + ' ' + a.value);
  log(JSON.stringify(await it.next('sent')));
  log(JSON.stringify(await it.next()));
  log(JSON.stringify(await it.next()));
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
