// for await with destructuring, labelled continue/break across awaits.
const log = (s) => console.log(s);
async function* pairs() {
  yield [1, 'one'];
  yield [2, 'two'];
  yield [3, 'three'];
  yield [4, 'four'];
}
(async () => {
  outer: for await (const [n, name] of pairs()) {
    for (const c of name) {
      await null;
      if (c === 'w') continue outer;
      if (c === 'h') break outer;
      log(n + ':' + c);
    }
    log('end of ' + name);
  }
  log('loop over');
})();
