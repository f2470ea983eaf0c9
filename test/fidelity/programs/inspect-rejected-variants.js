// Rejected promises with several non-Error reasons, printed by console.log and util.inspect.
const util = require('node:util');
const reasons = ['text', 0, null, undefined, { code: 'E_X' }, [1, 2], Symbol('s')];
for (const r of reasons) {
  const p = Promise.reject(r);
  p.catch(() => {});
  console.log(p);
}
console.log(util.inspect([Promise.reject(false).catch(() => {})]));
const q = Promise.reject('later');
q.catch(() => {});
setTimeout(() => console.log('after handling:', q), 1);
