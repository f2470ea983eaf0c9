// Awaiting in sequence vs starting first then awaiting: the interleaving of logs.
const log = (s) => console.log(s);
async function job(name, n) {
  for (let i = 0; i < n; i++) {
    log(name + ' step ' + i);
    await null;
  }
  return name;
}
async function sequential() {
  await job('s1', 2);
  await job('s2', 2);
  log('sequential done');
}
async function parallel() {
  const a = job('p1', 2);
  const b = job('p2', 2);
  log('parallel got ' + (await a) + ' ' + (await b));
}
sequential();
parallel();
