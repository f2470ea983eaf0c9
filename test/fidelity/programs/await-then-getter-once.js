// The `then` property of an awaited object is read exactly once, synchronously inside the
// resolve step; a getter that changes its answer shows when it is read.
const log = (s) => console.log(s);
let reads = 0;
const obj = {
  get then() {
    reads++;
    log('then getter read #' + reads);
    return (res) => { log('then called'); res('value'); };
  },
};
(async () => {
  log('before await');
  const v = await obj;
  log('after await: ' + v + ', reads=' + reads);
})();
Promise.resolve().then(() => log('tick 1')).then(() => log('tick 2')).then(() => log('tick 3'));
log('sync end');
