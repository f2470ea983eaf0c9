// return() queued while an async generator is suspended in yield* over an array and over a sync
// generator: the delegation Awaits the inner return result and then its value (§14.4.14), so
// `finally` and the settlement come at Node's tick (a microtask counter shows which).
let t = 0;
let stop = false;
function tick() {
  if (stop) return;
  t++;
  Promise.resolve().then(tick);
}
function* inner() {
  try {
    yield 'i1';
    yield 'i2';
  } finally {
    console.log('inner finally t', t);
  }
}
async function* viaArray() {
  try {
    yield* [1, 2, 3];
  } finally {
    console.log('outer finally (array) t', t);
  }
}
async function* viaSync() {
  try {
    yield* inner();
  } finally {
    console.log('outer finally (sync) t', t);
  }
}
async function* viaSyncCaught() {
  try {
    yield* inner();
  } finally {
    console.log('finally before a yield t', t);
    yield 'from finally';
  }
}
async function run(name, g) {
  stop = false;
  t = 0;
  tick();
  const it = g();
  await it.next().then((r) => console.log(name, 'next', JSON.stringify(r), 't', t));
  const p = it.return('R').then((r) => console.log(name, 'return', JSON.stringify(r), 't', t));
  const q = it.next().then((r) => console.log(name, 'next after', JSON.stringify(r), 't', t));
  await Promise.all([p, q]);
  stop = true;
  await null;
}
(async () => {
  await run('array', viaArray);
  await run('sync', viaSync);
  await run('caught', viaSyncCaught);
})();
