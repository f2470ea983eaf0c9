// setInterval (60 ms) interleaved with an immediate chain inside a timer.
const log = (s) => console.log(s);
setTimeout(() => {
  let n = 0;
  const id = setInterval(() => {
    log('interval ' + ++n);
    if (n === 3) clearInterval(id);
  }, 60);
  setImmediate(() => log('immediate 1'));
  setImmediate(() => setImmediate(() => log('immediate 2 (next iteration)')));
}, 0);
