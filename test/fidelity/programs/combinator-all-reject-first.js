// Promise.all rejects on the first rejection; later rejections are ignored (handled).
const log = (s) => console.log(s);
const delayed = (v, ms, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(v) : res(v)), ms));
Promise.all([delayed('a', 30), delayed('first failure', 10, true), delayed('second failure', 20, true)]).then(
  (v) => log('resolved ' + v),
  (e) => log('rejected with ' + e),
);
setTimeout(() => log('t=50 done'), 50);
