// Two consumers pulling from one async generator concurrently share its queue.
const log = (s) => console.log(s);
async function* source() {
  for (let i = 0; i < 5; i++) {
    await null;
    yield i;
  }
}
const it = source();
async function consumer(name) {
  while (true) {
    const r = await it.next();
    if (r.done) break;
    log(name + ' got ' + r.value);
  }
  log(name + ' done');
}
consumer('A');
consumer('B');
