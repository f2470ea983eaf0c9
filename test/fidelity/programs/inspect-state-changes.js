// The same promise printed while pending, right after resolve() (state changes synchronously),
// and after adopting another promise (pending until the adoption job runs).
let resolve;
const p = new Promise((r) => { resolve = r; });
console.log('before:', p);
resolve('done');
console.log('after resolve:', p);
let resolve2;
const q = new Promise((r) => { resolve2 = r; });
resolve2(Promise.resolve('inner'));
console.log('adopting:', q);
setTimeout(() => console.log('later:', q), 1);
const asyncResult = (async () => 'async value')();
console.log('async fn result:', asyncResult);
const awaiting = (async () => { await null; return 'x'; })();
console.log('async fn awaiting:', awaiting);
