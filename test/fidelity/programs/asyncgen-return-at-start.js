// return() on a suspendedStart generator completes it without running the body; finally
// blocks never run; a later next() sees done.
const log = (s) => console.log(s);
async function* gen() {
  try {
    log('body runs');
    yield 1;
  } finally {
    log('finally');
  }
}
const it = gen();
it.return('early').then((r) => log('return: ' + JSON.stringify(r)));
it.next().then((r) => log('next: ' + JSON.stringify(r)));
const it2 = gen();
it2.return(Promise.resolve('awaited value')).then((r) => log('return(promise): ' + JSON.stringify(r)));
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
