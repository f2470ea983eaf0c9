// timers/promises setTimeout/setImmediate with an AbortSignal: aborting rejects with an
// AbortError whose cause is the reason, in the tick of abort (microtask order vs listeners);
// an already-aborted signal rejects without scheduling.
const { setTimeout: sleep, setImmediate: immediate } = require('timers/promises');
const log = (s) => console.log(s);
const ac = new AbortController();
const p1 = sleep(100, 'v', { signal: ac.signal });
const p2 = immediate('i', { signal: ac.signal });
p1.then((v) => log('p1 resolved ' + v), (e) => log('p1 rejected ' + e.name + ' code=' + e.code + ' cause=' + e.cause));
p2.then((v) => log('p2 resolved ' + v), (e) => log('p2 rejected ' + e.name));
ac.signal.addEventListener('abort', () => log('abort listener'));
setTimeout(() => {
  Promise.resolve().then(() => log('microtask queued before abort'));
  ac.abort('stop!');
  log('after abort');
  sleep(10, 'x', { signal: ac.signal }).catch((e) => log('pre-aborted sleep rejected ' + e.name + ' cause=' + e.cause));
}, 20);
