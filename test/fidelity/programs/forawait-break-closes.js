// break out of for await calls return() on the async iterator (finally runs, awaited).
const log = (s) => console.log(s);
async function* gen() {
  try {
    yield 1;
    yield 2;
    yield 3;
  } finally {
    log('gen finally');
    await null;
    log('gen finally after await');
  }
}
(async () => {
  for await (const v of gen()) {
    log('body ' + v);
    if (v === 2) break;
  }
  log('after loop');
})();
