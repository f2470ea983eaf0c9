// break out of a for await over an async generator that delegates with yield* to another async
// generator: return() goes down the delegation, each level Awaits the inner value, and the loop
// resumes at Node's tick (a microtask counter shows which).
let t = 0;
let stop = false;
function tick() {
  if (stop) return;
  t++;
  Promise.resolve().then(tick);
}
async function* leaf() {
  try {
    yield 1;
    yield 2;
  } finally {
    console.log('leaf finally t', t);
  }
}
async function* mid() {
  try {
    yield* leaf();
  } finally {
    console.log('mid finally t', t);
  }
}
async function* top() {
  yield* mid();
}
async function loop(name, make) {
  stop = false;
  t = 0;
  tick();
  for await (const v of make()) {
    console.log(name, 'got', v, 't', t);
    break;
  }
  console.log(name, 'after loop t', t);
  stop = true;
  await null;
}
(async () => {
  await loop('mid', mid);
  await loop('top', top);
})();
