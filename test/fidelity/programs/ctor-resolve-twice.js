// Only the first resolve/reject counts; later calls are ignored silently.
const log = (s) => console.log(s);
const p = new Promise((resolve, reject) => {
  resolve('first');
  resolve('second');
  reject(new Error('ignored'));
  log('executor continues after resolve');
});
p.then((v) => log('value ' + v));
const q = new Promise((resolve, reject) => {
  reject('rejected first');
  resolve('ignored');
});
q.catch((e) => log('reason ' + e));
