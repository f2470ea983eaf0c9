// An async function returning a thenable / an async function's promise / a rejected promise.
const log = (s) => console.log(s);
async function retThenable() { return { then(r) { log('thenable.then'); r('T'); } }; }
async function retAsync() { return retValue(); }
async function retValue() { return 'V'; }
async function retRejected() { return Promise.reject('R'); }
retThenable().then((v) => log('retThenable ' + v));
retAsync().then((v) => log('retAsync ' + v));
retRejected().catch((e) => log('retRejected ' + e));
let i = 0;
const tick = () => { log('tick ' + ++i); if (i < 6) Promise.resolve().then(tick); };
Promise.resolve().then(tick);
