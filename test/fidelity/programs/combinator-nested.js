// Nested combinators and combinators of combinators with timers.
const log = (s) => console.log(s);
const sleep = (ms, v) => new Promise((r) => setTimeout(() => { log('timer ' + v); r(v); }, ms));
(async () => {
  const res = await Promise.all([
    Promise.race([sleep(90, 'r-slow'), sleep(30, 'r-fast')]),
    Promise.allSettled([sleep(60, 's1'), Promise.reject('s2')]),
    Promise.any([Promise.reject('x'), sleep(15, 'any')]),
  ]);
  log(JSON.stringify(res));
})();
