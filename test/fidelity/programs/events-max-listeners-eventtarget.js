// EventTarget leak warning: 11 'abort' listeners on an AbortSignal print a
// MaxListenersExceededWarning (EventTarget wording); events.setMaxListeners(n, target) raises
// the limit; getEventListeners works on EventTargets.
const { setMaxListeners, getEventListeners, getMaxListeners } = require('events');
const log = (s) => console.log(s);
const ac = new AbortController();
for (let i = 0; i < 11; i++) ac.signal.addEventListener('abort', () => {});
log('signal listeners ' + getEventListeners(ac.signal, 'abort').length);
const ac2 = new AbortController();
setMaxListeners(50, ac2.signal);
for (let i = 0; i < 30; i++) ac2.signal.addEventListener('abort', () => {});
log('ac2 listeners ' + getEventListeners(ac2.signal, 'abort').length + ' max ' + (typeof getMaxListeners === 'function' ? getMaxListeners(ac2.signal) : 'n/a'));
const et = new EventTarget();
const fn = () => {};
et.addEventListener('foo', fn);
log('same fn ' + (getEventListeners(et, 'foo')[0] === fn));
process.nextTick(() => log('nextTick'));
