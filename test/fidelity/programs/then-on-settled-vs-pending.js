// then on an already-resolved promise queues a job immediately; on a pending one, at resolution.
const log = (s) => console.log(s);
let resolveLater;
const pending = new Promise((r) => { resolveLater = r; });
const settled = Promise.resolve('settled');
pending.then((v) => log('pending handler: ' + v));
settled.then((v) => log('settled handler: ' + v));
Promise.resolve().then(() => { log('resolving pending'); resolveLater('late'); });
settled.then(() => log('settled handler 2'));
