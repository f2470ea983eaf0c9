// pipeTo: each chunk's trip from the source to the sink against timers, immediates and ticks;
// then preventClose and the pipe's promise.
const log = (s) => console.log(s);
function source(name, n) {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i < n) { log(name + ' pull ' + i); c.enqueue(name + i++); } else { log(name + ' close'); c.close(); }
    },
  });
}
const sink = (name) => new WritableStream({
  write(ch) { log(name + ' write ' + ch); },
  close() { log(name + ' sink close'); },
});
source('a', 3).pipeTo(sink('A')).then(() => log('pipe A done'));
process.nextTick(() => log('nextTick'));
Promise.resolve().then(() => log('promise'));
setImmediate(() => log('immediate'));
// The second pipe starts from a timer set in an immediate, so nothing races with it.
setImmediate(() => setTimeout(async () => {
  const dest = sink('B');
  await source('b', 2).pipeTo(dest, { preventClose: true });
  log('pipe B done, dest locked=' + dest.locked);
  const w = dest.getWriter();
  await w.write('extra');
  await w.close();
  log('B closed by hand');
}, 5));
