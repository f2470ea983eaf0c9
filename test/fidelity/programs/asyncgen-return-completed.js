// return() and throw() on a completed generator.
const log = (s) => console.log(s);
async function* gen() { yield 1; }
(async () => {
  const it = gen();
  log(JSON.stringify(await it.next()));
  log(JSON.stringify(await it.next()));
  log(JSON.stringify(await it.return('after end')));
  try {
    await it.throw(new Error('after end'));
  } catch (e) {
    log('throw on completed rejects: ' + e.message);
  }
  log(JSON.stringify(await it.next()));
})();
