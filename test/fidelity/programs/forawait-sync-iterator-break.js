// break in for await over a sync iterator calls the sync iterator's return().
const log = (s) => console.log(s);
function* letters() {
  try {
    yield 'a';
    yield 'b';
    yield 'c';
  } finally {
    log('sync gen finally');
  }
}
(async () => {
  for await (const l of letters()) {
    log('got ' + l);
    if (l === 'b') break;
  }
  log('after loop');
})();
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4'));
