// tee(): both branches get every chunk; one branch read ahead of the other, one branch
// cancelled (the source is cancelled only when both are), timing against promises.
const log = (s) => console.log(s);
let i = 0;
const rs = new ReadableStream({
  pull(c) { log('pull ' + i); if (i < 3) c.enqueue(i++); else c.close(); },
  cancel(r) { log('source cancel ' + r); },
});
const [b1, b2] = rs.tee();
const r1 = b1.getReader();
const r2 = b2.getReader();
(async () => {
  for (;;) { const v = await r1.read(); log('b1 ' + JSON.stringify(v.value) + ' ' + v.done); if (v.done) break; }
  log('b1 end');
  for (;;) { const v = await r2.read(); log('b2 ' + JSON.stringify(v.value) + ' ' + v.done); if (v.done) break; }
  log('b2 end');
  const [c1, c2] = new ReadableStream({
    start(c) { c.enqueue('x'); },
    cancel(r) { log('second source cancel ' + r); },
  }).tee();
  await c1.cancel('one');
  log('c1 cancelled');
  const p = c2.cancel('two');
  log('c2 cancel called');
  await p;
  log('c2 cancelled');
})();
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3'));
