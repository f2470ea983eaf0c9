// Closures over loop variables across awaits: let is per-iteration, var is shared.
const log = (s) => console.log(s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (var i = 0; i < 3; i++) {
  (async () => { await null; log('var i=' + i); })();
}
for (let j = 0; j < 3; j++) {
  (async () => { await null; log('let j=' + j); })();
}
for (let k = 0; k < 3; k++) {
  setTimeout(() => log('timer let k=' + k), 60 - k * 20);
}
setTimeout(async () => {
  for (let m = 0; m < 3; m++) {
    await sleep(1);
    setTimeout(() => log('after sleep m=' + m), 0);
  }
}, 100);
