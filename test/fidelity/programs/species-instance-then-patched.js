// A native promise with an own `then` property is treated as a thenable by await and resolve.
const log = (s) => console.log(s);
const p = Promise.resolve('real');
p.then = function (onF) {
  log('patched then');
  onF('patched');
};
(async () => log('await gives ' + (await p)))();
Promise.resolve(p).then((v) => log('Promise.resolve(p) is p: ' + (Promise.resolve(p) === p) + ', value ' + v));
new Promise((r) => r(p)).then((v) => log('resolve(p) gives ' + v));
