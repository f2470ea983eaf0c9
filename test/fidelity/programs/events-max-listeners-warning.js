// More than 10 listeners for one event prints MaxListenersExceededWarning once per event
// name (on stderr, from a nextTick); setMaxListeners raises the limit; getEventListeners /
// getMaxListeners / defaultMaxListeners.
const { EventEmitter, getEventListeners, defaultMaxListeners } = require('events');
const log = (s) => console.log(s);
process.on('warning', (w) => log('warning event: ' + w.name + ' count=' + w.count + ' type=' + w.type));
log('default ' + defaultMaxListeners);
const e = new EventEmitter();
for (let i = 0; i < 11; i++) e.on('leak', () => {});
log('added 11');
for (let i = 0; i < 3; i++) e.on('leak', () => {});
log('added 3 more (no second warning)');
const f = new EventEmitter();
f.setMaxListeners(20);
for (let i = 0; i < 15; i++) f.on('ok', () => {});
log('f max ' + f.getMaxListeners() + ' listeners ' + getEventListeners(f, 'ok').length);
process.nextTick(() => log('nextTick queued after the warning'));
log('sync end');
