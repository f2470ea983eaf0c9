// events.once(emitter, name, { signal }): aborting rejects with AbortError and removes the
// listeners; an already-aborted signal rejects immediately; works on an EventTarget too.
const { once, EventEmitter } = require('events');
const log = (s) => console.log(s);
const e = new EventEmitter();
const ac = new AbortController();
once(e, 'go', { signal: ac.signal }).then(
  () => log('resolved (unexpected)'),
  (err) => log('rejected ' + err.name + ' ' + err.code + ' listeners=' + e.listenerCount('go') + ' cause=' + err.cause),
);
log('listeners ' + e.listenerCount('go'));
setTimeout(() => {
  ac.abort('enough');
  log('aborted; emit go -> ' + e.emit('go'));
}, 10);
once(e, 'go', { signal: AbortSignal.abort() }).catch((err) => log('pre-aborted ' + err.name));
const et = new EventTarget();
const ac2 = new AbortController();
once(et, 'ping', { signal: ac2.signal }).then((args) => log('EventTarget once resolved with Event type=' + args[0].type));
setTimeout(() => { et.dispatchEvent(new Event('ping')); ac2.abort(); }, 30);
