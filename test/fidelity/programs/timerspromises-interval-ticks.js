// timers/promises setInterval: ticks interleaved with a microtask counter, break (return()),
// several values counted while the consumer was busy, abort.
const { setInterval, setTimeout: sleep } = require('node:timers/promises');

function ticks(label, n) {
  let i = 0;
  const step = () => { console.log(label, 'tick', ++i); if (i < n) Promise.resolve().then(step); };
  Promise.resolve().then(step);
}

(async () => {
  let n = 0;
  for await (const v of setInterval(10, 'v')) {
    ticks('step ' + n, 5);
    console.log('got', v, ++n);
    if (n === 3) break;
  }
  console.log('after break');
  // The consumer is slow: the interval counts ticks meanwhile and yields them back to back.
  const it = setInterval(10, 'x');
  console.log(await it.next());
  await sleep(35);
  ticks('burst', 4);
  console.log(await it.next(), await it.next(), await it.next());
  console.log(await it.return());
  const ac = new AbortController();
  const it2 = setInterval(10, 'y', { signal: ac.signal });
  const pending = it2.next();
  ac.abort();
  try {
    await pending;
  } catch (e) {
    console.log('aborted:', e.name, e.code);
  }
  console.log(await it2.next());
  try {
    await setInterval(10, 'z', 'bad').next();
  } catch (e) {
    console.log('bad options:', e.code);
  }
})();
