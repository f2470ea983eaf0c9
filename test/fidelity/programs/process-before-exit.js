// 'beforeExit' fires when the loop empties; scheduling work in it keeps the process going.
const log = (s) => console.log(s);
let rounds = 0;
process.on('beforeExit', (code) => {
  log('beforeExit #' + ++rounds + ' code=' + code);
  if (rounds < 3) {
    setTimeout(() => log('timer from beforeExit ' + rounds), 5);
    Promise.resolve().then(() => log('microtask from beforeExit ' + rounds));
  }
});
process.on('exit', (code) => log('exit ' + code));
setTimeout(() => log('initial timer'), 5);
