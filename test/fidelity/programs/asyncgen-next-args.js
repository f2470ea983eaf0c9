// Values passed to next() become the results of yield; the first is dropped.
const log = (s) => console.log(s);
async function* echo() {
  let got = 'none';
  for (let i = 0; i < 3; i++) {
    got = yield 'round ' + i + ' got ' + got;
  }
}
(async () => {
  const it = echo();
  for (const v of ['ignored', 'A', 'B', 'C']) {
    const r = await it.next(v);
    log(JSON.stringify(r));
  }
})();
