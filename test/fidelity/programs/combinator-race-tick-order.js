// How many ticks each combinator takes relative to a microtask counter.
const log = (s) => console.log(s);
const p = Promise.resolve('v');
Promise.all([p]).then(() => log('all done'));
Promise.allSettled([p]).then(() => log('allSettled done'));
Promise.any([p]).then(() => log('any done'));
Promise.race([p]).then(() => log('race done'));
Promise.resolve(p).then(() => log('resolve done'));
let i = 0;
const tick = () => { log('tick ' + ++i); if (i < 5) Promise.resolve().then(tick); };
Promise.resolve().then(tick);
