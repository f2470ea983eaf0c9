// Several next() calls before the first resolves are queued and served in order.
const log = (s) => console.log(s);
async function* gen() {
  log('gen start');
  yield 'a';
  log('gen after a');
  await null;
  yield 'b';
  log('gen after b');
  return 'done';
}
const it = gen();
const reqs = [it.next(), it.next(), it.next(), it.next()];
log('requested 4');
reqs.forEach((p, i) => p.then((r) => log('req ' + i + ': ' + JSON.stringify(r))));
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4'));
