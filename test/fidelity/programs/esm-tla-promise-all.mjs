// Top-level await of Promise.all over async tasks with timers.
const log = (s) => console.log(s);
const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
async function task(name, ms) {
  log('start ' + name);
  const v = await sleep(ms, name);
  log('end ' + name);
  return v;
}
const results = await Promise.all([task('a', 120), task('b', 30), task('c', 75)]);
log('results: ' + results.join(','));
