// clearTimeout from another timer callback, including one that is due in the same batch.
const log = (s) => console.log(s);
let victim;
let later;
setTimeout(() => {
  log('first: clearing victim and later');
  clearTimeout(victim);
  clearTimeout(later);
}, 5);
victim = setTimeout(() => log('victim (never)'), 5);
later = setTimeout(() => log('later (never)'), 30);
setTimeout(() => log('survivor'), 5);
const self = setTimeout(() => {
  log('self clears itself (no effect)');
  clearTimeout(self);
}, 10);
