// then() on a subclass instance constructs the derived promise through the subclass.
const log = (s) => console.log(s);
let constructed = 0;
class MyP extends Promise {
  constructor(executor) {
    constructed++;
    super(executor);
  }
}
const p = new MyP((r) => r(1));
const q = p.then((v) => v + 1);
log('q instanceof MyP: ' + (q instanceof MyP) + ', constructed=' + constructed);
const c = q.catch(() => {});
log('catch result instanceof MyP: ' + (c instanceof MyP) + ', constructed=' + constructed);
const f = q.finally(() => {});
log('finally result instanceof MyP: ' + (f instanceof MyP) + ', constructed=' + constructed);
q.then((v) => log('value ' + v + ', constructed=' + constructed));
