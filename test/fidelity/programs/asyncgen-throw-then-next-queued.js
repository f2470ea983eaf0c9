// A queued throw() after a queued next(): requests complete in order.
const log = (s) => console.log(s);
async function* gen() {
  try {
    yield 1;
    yield 2;
  } catch (e) {
    log('caught ' + e);
    yield 'after catch';
  }
}
const it = gen();
it.next().then((r) => log('1: ' + JSON.stringify(r)));
it.throw('X').then((r) => log('2: ' + JSON.stringify(r)), (e) => log('2 rejected ' + e));
it.next().then((r) => log('3: ' + JSON.stringify(r)));
it.return('R').then((r) => log('4: ' + JSON.stringify(r)));
log('all queued');
