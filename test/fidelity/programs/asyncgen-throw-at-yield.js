// throw() at a yield: caught by the generator, which yields again; then uncaught one.
const log = (s) => console.log(s);
async function* gen() {
  let i = 0;
  while (true) {
    try {
      yield i++;
    } catch (e) {
      log('gen caught ' + e);
      if (e === 'fatal') throw new Error('rethrown ' + e);
    }
  }
}
(async () => {
  const it = gen();
  log(JSON.stringify(await it.next()));
  log(JSON.stringify(await it.throw('soft')));
  log(JSON.stringify(await it.next()));
  try {
    await it.throw('fatal');
  } catch (e) {
    log('outer caught ' + e.message);
  }
  log(JSON.stringify(await it.next()));
})();
