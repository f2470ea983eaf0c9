// return() while suspended at a yield runs finally blocks (which may await or yield).
const log = (s) => console.log(s);
async function* gen() {
  try {
    yield 1;
    log('not reached');
  } finally {
    log('finally start');
    await null;
    log('finally after await');
    yield 'from finally';
    log('finally end');
  }
}
(async () => {
  const it = gen();
  log('next: ' + JSON.stringify(await it.next()));
  log('return: ' + JSON.stringify(await it.return('R')));
  log('next: ' + JSON.stringify(await it.next()));
  log('next: ' + JSON.stringify(await it.next()));
})();
