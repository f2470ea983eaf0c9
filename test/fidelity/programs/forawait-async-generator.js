// for await over an async generator interleaved with another async task.
const log = (s) => console.log(s);
async function* numbers() {
  for (let i = 0; i < 3; i++) {
    log('yielding ' + i);
    yield i;
  }
}
(async () => {
  for await (const n of numbers()) log('consumed ' + n);
  log('consumer done');
})();
(async () => {
  for (let i = 0; i < 6; i++) {
    await null;
    log('other ' + i);
  }
})();
