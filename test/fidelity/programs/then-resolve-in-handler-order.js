// A resolver called from within a handler schedules its reactions after already-queued jobs.
const log = (s) => console.log(s);
let r1;
const p1 = new Promise((r) => { r1 = r; });
p1.then(() => log('p1 reaction'));
Promise.resolve()
  .then(() => { log('A: resolving p1'); r1(); })
  .then(() => log('A2'));
Promise.resolve().then(() => log('B1')).then(() => log('B2'));
