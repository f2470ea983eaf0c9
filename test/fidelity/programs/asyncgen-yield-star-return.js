// return() forwarded through yield* to the inner async generator's finally.
const log = (s) => console.log(s);
async function* inner() {
  try {
    yield 'a';
    yield 'b';
  } finally {
    log('inner finally');
  }
}
async function* outer() {
  try {
    yield* inner();
  } finally {
    log('outer finally');
  }
}
(async () => {
  const it = outer();
  log(JSON.stringify(await it.next()));
  log(JSON.stringify(await it.return('stop')));
  log(JSON.stringify(await it.next()));
})();
