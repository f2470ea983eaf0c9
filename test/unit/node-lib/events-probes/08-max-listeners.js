'use strict';
const events = require('events');
const EventEmitter = events;

process.on('warning', (w) => {
  console.log('warning event:', w.name, w.message);
  console.log('  ', w instanceof Error, w.emitter instanceof EventEmitter, String(w.type), w.count, Object.keys(w));
});
const ee = new EventEmitter();
for (let i = 0; i < 11; i++) ee.on('data', () => {});
console.log('added 11');
for (let i = 0; i < 5; i++) ee.on('data', () => {});
console.log('added 5 more (warned once)');

const sym = Symbol('mySym');
const e2 = new EventEmitter();
e2.setMaxListeners(1);
e2.on(sym, () => {});
e2.prependListener(sym, () => {});

class Custom extends EventEmitter {}
const e3 = new Custom();
e3.setMaxListeners(0);
for (let i = 0; i < 20; i++) e3.on('x', () => {});
console.log('0 means unlimited', e3.listenerCount('x'));

events.setMaxListeners(2);
console.log('default now', EventEmitter.defaultMaxListeners, new EventEmitter().getMaxListeners());
const e4 = new Custom();
e4.once('y', () => {});
e4.once('y', () => {});
e4.once('y', () => {});
EventEmitter.defaultMaxListeners = 10;
events.setMaxListeners();
console.log('default back', EventEmitter.defaultMaxListeners);
const e5 = new EventEmitter();
events.setMaxListeners(1, e5);
console.log('e5', e5.getMaxListeners(), events.getMaxListeners(e5));
e5.on('z', () => {});
e5.on('z', () => {});
process.nextTick(() => console.log('nextTick after the warnings were emitted'));
console.log('sync end');
