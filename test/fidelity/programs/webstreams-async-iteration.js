// for await over a ReadableStream, break (which cancels it), values({ preventCancel: true })
// (which does not: the stream can be read again), and the iterator's return().
const log = (s) => console.log(s);
const make = (name) => {
  let i = 0;
  return new ReadableStream({
    pull(c) { log(name + ' pull'); c.enqueue(name + i++); },
    cancel(r) { log(name + ' cancel ' + r); },
  });
};
(async () => {
  const a = make('a');
  for await (const v of a) { log('got ' + v); if (v === 'a1') break; }
  log('a locked=' + a.locked);
  const b = make('b');
  for await (const v of b.values({ preventCancel: true })) { log('got ' + v); if (v === 'b1') break; }
  log('b locked=' + b.locked);
  const r = b.getReader();
  log('b again ' + (await r.read()).value);
  r.releaseLock();
  const it = make('c')[Symbol.asyncIterator]();
  log(JSON.stringify(await it.next()));
  log(JSON.stringify(await it.return('why')));
  log(JSON.stringify(await it.next()));
})();
let k = 0;
const spin = () => { if (k++ < 10) { log('spin ' + k); return Promise.resolve().then(spin); } };
spin();
