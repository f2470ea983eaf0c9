'use strict';
const events = require('events');
const util = require('util');
const EventEmitter = events;

function show(label, fn) {
  try {
    const r = fn();
    console.log(label, 'ok', r === undefined ? '' : util.inspect(r, { depth: 0 }));
  } catch (err) {
    console.log(label, '->', err.name, err.code, JSON.stringify(err.message));
    console.log('   ', String(err), err.constructor === TypeError || err.constructor === RangeError || err.constructor === Error,
      err instanceof Error, Object.keys(err), err.stack.split('\n')[0]);
    console.log('   ', util.inspect(err).split('\n').filter((l) => !/^\s+at /.test(l)).join(' | '));
  }
}

class Foo {}
const ee = new EventEmitter();
show('on number', () => ee.on('x', 42));
show('on null', () => ee.on('x', null));
show('on undefined', () => ee.on('x'));
show('on string', () => ee.on('x', 'hello'));
show('on long string', () => ee.on('x', 'a'.repeat(40)));
show("on quote string", () => ee.on('x', "it's"));
show('on object', () => ee.on('x', {}));
show('on instance', () => ee.on('x', new Foo()));
show('on map', () => ee.on('x', new Map()));
show('on null-proto', () => ee.on('x', Object.create(null)));
show('on symbol', () => ee.on('x', Symbol('s')));
show('on bigint', () => ee.on('x', 10n));
show('on bool', () => ee.on('x', true));
show('on NaN', () => ee.on('x', NaN));
show('on -0', () => ee.on('x', -0));
show('on Infinity', () => ee.on('x', -Infinity));
show('on array', () => ee.on('x', [1, 2]));
show('once', () => ee.once('x', 1));
show('prependListener', () => ee.prependListener('x', 1));
show('prependOnceListener', () => ee.prependOnceListener('x', 1));
show('removeListener', () => ee.removeListener('x', 1));
show('off', () => ee.off('x'));
show('setMaxListeners -1', () => ee.setMaxListeners(-1));
show('setMaxListeners str', () => ee.setMaxListeners('1'));
show('setMaxListeners NaN', () => ee.setMaxListeners(NaN));
show('setMaxListeners 2**40', () => ee.setMaxListeners(-(2 ** 40)));
show('setMaxListeners 1.5', () => ee.setMaxListeners(1.5).getMaxListeners());
show('defaultMaxListeners -1', () => { EventEmitter.defaultMaxListeners = -1; });
show('defaultMaxListeners str', () => { EventEmitter.defaultMaxListeners = 'x'; });
show('events.setMaxListeners -2', () => events.setMaxListeners(-2));
show('events.setMaxListeners obj', () => events.setMaxListeners(1, {}));
show('events.setMaxListeners null-proto', () => events.setMaxListeners(1, Object.create(null)));
show('captureRejections = 1', () => { EventEmitter.captureRejections = 1; });
show('new with captureRejections str', () => new EventEmitter({ captureRejections: 'yes' }));
show('new with captureRejections false', () => new EventEmitter({ captureRejections: false }).listenerCount('x'));
show('getEventListeners {}', () => events.getEventListeners({}, 'x'));
show('getEventListeners null', () => events.getEventListeners(null, 'x'));
show('getMaxListeners {}', () => events.getMaxListeners({}));
show('getMaxListeners undefined', () => events.getMaxListeners());
show('addAbortListener undefined', () => events.addAbortListener(undefined, () => {}));
show('addAbortListener {}', () => events.addAbortListener({}, () => {}));
show('addAbortListener no fn', () => events.addAbortListener(new AbortController().signal));
show('on() bad signal', () => events.on(ee, 'x', { signal: 1 }));
show('on() null options', () => events.on(ee, 'x', null));
show('on() hwm 0', () => events.on(ee, 'x', { highWaterMark: 0 }));
show('on() hwm 1.5', () => events.on(ee, 'x', { highWaterMark: 1.5 }));
show('on() hwm str', () => events.on(ee, 'x', { highWatermark: '3' }));
show('on() lwm -1', () => events.on(ee, 'x', { lowWaterMark: -1 }));
show('on() not an emitter', () => events.on({}, 'x'));
show('AsyncResource no name', () => new events.EventEmitterAsyncResource({}));
show('AsyncResource emit this', () => events.EventEmitterAsyncResource.prototype.emit.call({}, 'x'));
show('AsyncResource asyncId this', () => Object.getOwnPropertyDescriptor(events.EventEmitterAsyncResource.prototype, 'asyncId').get.call({}));
show('AsyncResource eventEmitter this', () => {
  const r = new events.EventEmitterAsyncResource('n').asyncResource;
  return Object.getOwnPropertyDescriptor(Object.getPrototypeOf(r), 'eventEmitter').get.call({});
});
