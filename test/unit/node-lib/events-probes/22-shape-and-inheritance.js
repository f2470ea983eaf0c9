'use strict';
const EventEmitter = require('events');
const util = require('util');
const log = (...a) => console.log(...a);

// Old style inheritance.
function Legacy() { EventEmitter.call(this); this.name = 'legacy'; }
util.inherits(Legacy, EventEmitter);
const l = new Legacy();
l.on('x', function() { log('legacy x', this.name); });
l.emit('x');
log(util.inspect(l, { showHidden: true }));

// _events on the prototype: init creates own _events.
function Proto() { EventEmitter.init.call(this); }
Proto.prototype = Object.create(EventEmitter.prototype);
Proto.prototype._events = { __proto__: null, shared: () => log('shared') };
const p = new Proto();
log('own _events', Object.hasOwn(p, '_events'), p._events === Proto.prototype._events, p.emit('shared'));

// Own _events set before init: "shape mode" (removals leave undefined slots).
function Shaped() {
  this._events = { __proto__: null, a: undefined, b: undefined };
  this._eventsCount = 0;
  EventEmitter.call(this);
}
Object.setPrototypeOf(Shaped.prototype, EventEmitter.prototype);
const s = new Shaped();
function fa() { log('fa'); }
s.on('removeListener', (t) => log('removeListener event', t));
s.on('a', fa);
s.on('b', fa);
log('shape keys', Object.keys(s._events), s.eventNames(), s._eventsCount);
s.removeListener('a', fa);
log('after remove', Object.keys(s._events), s._events.a, s.eventNames(), s._eventsCount);
s.removeAllListeners('b');
log('after removeAll b', Object.keys(s._events), s._eventsCount);
s.removeAllListeners();
log('after removeAll', Object.keys(s._events), s._eventsCount);
log(util.inspect(s, { showHidden: true }));

// removeAllListeners with 'removeListener' listeners: LIFO, removeListener last.
const r = new EventEmitter();
r.on('removeListener', (type, fn) => log('removed', String(type), fn.name));
r.on('a', function a1() {});
r.on('a', function a2() {});
r.on('b', function b1() {});
r.removeAllListeners('a');
r.on('a', function a3() {});
r.removeAllListeners();
log('counts', r._eventsCount, r.eventNames());

// _maxListeners kept by init
function Keep() { this._maxListeners = 3; EventEmitter.call(this); }
Object.setPrototypeOf(Keep.prototype, EventEmitter.prototype);
log('kept max', new Keep().getMaxListeners());
log('init opts', Object.getOwnPropertySymbols(new EventEmitter({ captureRejections: true })).map(String));
