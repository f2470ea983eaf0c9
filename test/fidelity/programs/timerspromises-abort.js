// Aborting a timers/promises setTimeout rejects with an AbortError.
const { setTimeout: sleep } = require('node:timers/promises');
const log = (s) => console.log(s);
const ac = new AbortController();
sleep(50, 'never', { signal: ac.signal }).then(
  (v) => log('resolved ' + v),
  (e) => log('rejected ' + e.name + ' code=' + e.code),
);
setTimeout(() => { log('aborting'); ac.abort(); }, 10);
const pre = AbortController ? new AbortController() : null;
pre.abort();
sleep(5, 'x', { signal: pre.signal }).catch((e) => log('pre-aborted ' + e.name));
