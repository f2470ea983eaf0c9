'use strict';
const events = require('events');
const util = require('util');
const EventEmitter = events;

function describe(obj) {
  for (const key of Reflect.ownKeys(obj)) {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    const kind = 'value' in d ? typeof d.value : `accessor(get:${typeof d.get},set:${typeof d.set})`;
    const fn = typeof d.value === 'function' ? ` name=${JSON.stringify(d.value.name)} length=${d.value.length}` : '';
    console.log(String(key), kind, `w=${d.writable} e=${d.enumerable} c=${d.configurable}${fn}`);
  }
}
describe(events);
console.log('--- prototype');
describe(EventEmitter.prototype);
console.log('---');
console.log(events.EventEmitter === events, events.usingDomains, events.captureRejections, events.defaultMaxListeners);
console.log(events.captureRejectionSymbol === Symbol.for('nodejs.rejection'), String(events.errorMonitor));
console.log(String(events.kMaxEventTargetListeners), String(events.kMaxEventTargetListenersWarned));
console.log(events.prototype.on === events.prototype.addListener, events.prototype.off === events.prototype.removeListener);
console.log(typeof events.once, typeof events.on, events.once.constructor.name, events.on.constructor.name);
console.log(util.inspect(events, { depth: 0 }));
const ee = new EventEmitter();
console.log(Reflect.ownKeys(ee).map(String));
console.log(ee.getMaxListeners(), events.getMaxListeners(ee), ee.setMaxListeners(3) === ee, ee.getMaxListeners());
const it = events.on(ee, 'x');
console.log(Object.prototype.toString.call(it), typeof it[Symbol.asyncIterator], it[Symbol.asyncIterator]() === it);
const proto = Object.getPrototypeOf(it);
console.log(Reflect.ownKeys(proto).map(String), Object.getPrototypeOf(proto) === Object.prototype);
console.log(Object.keys(it), Reflect.ownKeys(it).map(String));
console.log(util.inspect(it));
it.return();
console.log(util.inspect(events.once(ee, 'x')));
ee.emit('x');
