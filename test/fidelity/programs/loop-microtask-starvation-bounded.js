// A bounded microtask loop runs entirely before any timer or immediate.
const log = (s) => console.log(s);
setTimeout(() => {
  let n = 0;
  const loop = () => {
    n++;
    if (n < 10000) Promise.resolve().then(loop);
    else log('microtask loop finished at ' + n);
  };
  loop();
  setImmediate(() => log('immediate sees n=' + n));
  setTimeout(() => log('timeout sees n=' + n), 0);
  process.nextTick(() => log('nextTick sees n=' + n));
}, 0);
