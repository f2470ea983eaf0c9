// Promise.race: the first settled wins, settled inputs win by input order, and losers still run.
const log = (s) => console.log(s);
const a = new Promise((r) => setTimeout(() => { log('a settles'); r('a'); }, 20));
const b = new Promise((_, rej) => setTimeout(() => { log('b settles'); rej('b'); }, 10));
Promise.race([a, b]).then((v) => log('race1 ' + v), (e) => log('race1 rejected ' + e));
Promise.race([Promise.resolve('first'), Promise.resolve('second')]).then((v) => log('race2 ' + v));
Promise.race([Promise.resolve().then(() => 'chained'), 'plain']).then((v) => log('race3 ' + v));
