// Multiple handlers on the same promise run in registration order, interleaved per tick.
const log = (s) => console.log(s);
let resolve;
const p = new Promise((r) => { resolve = r; });
p.then((v) => log('h1 ' + v)).then(() => log('h1 next'));
p.then((v) => log('h2 ' + v)).then(() => log('h2 next'));
p.catch(() => log('never'));
p.finally(() => log('finally'));
p.then((v) => log('h3 ' + v));
log('resolving');
resolve('V');
log('resolved (sync)');
