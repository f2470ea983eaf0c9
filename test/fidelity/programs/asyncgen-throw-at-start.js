// throw() on a suspendedStart generator: body never runs, the promise rejects.
const log = (s) => console.log(s);
async function* gen() {
  try { log('body'); yield 1; } catch (e) { log('caught inside ' + e); }
}
const it = gen();
it.throw('E1').then(
  (r) => log('resolved ' + JSON.stringify(r)),
  (e) => log('rejected ' + e),
);
it.next().then((r) => log('next ' + JSON.stringify(r)));
