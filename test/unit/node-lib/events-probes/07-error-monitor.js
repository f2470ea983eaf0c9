'use strict';
const EventEmitter = require('events');
const { errorMonitor } = EventEmitter;

const ee = new EventEmitter();
ee.on(errorMonitor, (err, extra) => console.log('monitor', err.message, extra));
ee.on('error', (err) => console.log('handler', err.message));
console.log(ee.emit('error', new Error('one'), 'x'));
console.log(ee.listenerCount(errorMonitor), ee.eventNames().map(String));

const lonely = new EventEmitter();
lonely.on(errorMonitor, (err) => console.log('monitor only', err.message));
try {
  lonely.emit('error', new Error('two'));
} catch (err) {
  console.log('thrown', err.message);
}
try {
  lonely.emit('error', 'str');
} catch (err) {
  console.log('thrown', err.message);
}
// An emitter with no _events at all.
const bare = Object.create(EventEmitter.prototype);
console.log('bare emit', bare.emit('x'), bare._events);
try {
  bare.emit('error', new Error('bare'));
} catch (err) {
  console.log('bare thrown', err.message);
}
bare.on('x', () => console.log('bare x'));
console.log('bare emit', bare.emit('x'), Object.keys(bare));
process.on('uncaughtException', (err, origin) => {
  console.log('uncaughtException', origin, err.message, Object.getOwnPropertySymbols(err).map(String));
});
lonely.emit('error', new Error('three'));
