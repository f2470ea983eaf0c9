// return() through yield* to an async iterator whose return() gives { value: <promise>, done: true }:
// the received return() value is Awaited first, the inner value is not (V8), so the result holds a promise.
const innerIt = { [Symbol.asyncIterator]() { return this; }, next() { return Promise.resolve({ value: 1, done: false }); }, return(v) { console.log('inner return', v); return Promise.resolve({ value: Promise.resolve('P' + v), done: true }); } };
async function* g() { try { yield* innerIt; } finally { console.log('finally'); } }
let t = 0; let stop = false;
(function tick() { if (stop) return; t++; Promise.resolve().then(tick); })();
(async () => {
  const it = g();
  console.log(await it.next(), t);
  const r = await it.return(Promise.resolve('X'));
  console.log(r, typeof r.value, t);
  stop = true;
})();
