'use strict';
const EventEmitter = require('events');

const ee = new EventEmitter();
const log = (...a) => console.log(...a);

ee.on('newListener', (type, fn) => log('newListener', String(type), fn.name));
ee.on('removeListener', (type, fn) => log('removeListener', String(type), fn.name));

function a(...args) { log('a', this === ee, args); }
function b(x) { log('b', x); }
function c(x) { log('c', x); }
function d(x) { log('d', x); }
ee.on('x', a);
ee.prependListener('x', b);
ee.once('x', c);
ee.prependOnceListener('x', d);
log('listeners', ee.listeners('x').map((f) => f.name));
log('rawListeners', ee.rawListeners('x').map((f) => f.name), ee.rawListeners('x')[0].listener === d);
log('emit ->', ee.emit('x', 1, 2));
log('emit ->', ee.emit('x', 3));
log('emit none ->', ee.emit('nothing'));
log('count', ee.listenerCount('x'), ee.listenerCount('x', a), ee.listenerCount('x', c), EventEmitter.listenerCount(ee, 'x'));
log('eventNames', ee.eventNames());
const sym = Symbol('sym');
ee.on(sym, () => log('symbol event'));
ee.emit(sym);
log('eventNames', ee.eventNames());
ee.off('x', a);
ee.removeListener('x', b);
ee.removeListener('x', b);
log('after removal', ee.listenerCount('x'), ee.eventNames());

// Modifying the listener list while emitting uses the snapshot.
const e2 = new EventEmitter();
e2.on('y', function first() { log('first'); e2.removeListener('y', second); e2.on('y', () => log('late')); });
function second() { log('second (still called)'); }
e2.on('y', second);
e2.emit('y');
e2.emit('y');

// once wrappers
const e3 = new EventEmitter();
e3.once('z', function onceFn(v) { log('onceFn', v); return 7; });
const raw = e3.rawListeners('z')[0];
log('raw call ->', raw('direct'), 'count', e3.listenerCount('z'));
log('raw again ->', raw('again'));
e3.once('z', c);
e3.removeListener('z', c);
log('removed once by original', e3.listenerCount('z'));

e3.on('q', a);
e3.on('q', b);
e3.on('r', c);
e3.removeAllListeners('q');
log('removeAll q', e3.eventNames());
e3.removeAllListeners();
log('removeAll', e3.eventNames());

ee.removeAllListeners();
log('ee removeAll', ee.eventNames(), ee._eventsCount);
log(require('util').inspect(ee, { showHidden: true }));
log(require('util').inspect(new EventEmitter()));
