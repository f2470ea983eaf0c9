// How many ticks stream/consumers text() takes for an already-ended Readable vs a stream fed
// from a timer: a promise-tick counter and nextTicks run alongside.
const { text } = require('stream/consumers');
const { Readable, PassThrough } = require('stream');
const log = (s) => console.log(s);
let n = 0;
const counter = () => { n++; log('  tick ' + n); if (n < 20) Promise.resolve().then(counter); };
const r = new Readable({ read() {} });
r.push('x');
r.push(null);
text(r).then((s) => log('text resolved ' + s + ' at tick ' + n));
Promise.resolve().then(counter);
process.nextTick(() => log('  nextTick'));
setTimeout(() => {
  const p = new PassThrough();
  text(p).then((s) => log('passthrough text ' + s));
  setTimeout(() => { p.write('late '); log('wrote'); }, 10);
  setTimeout(() => { p.end('data'); log('ended'); }, 40);
}, 20);
