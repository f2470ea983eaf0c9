'use strict';
const EventEmitter = require('events');
const log = (...a) => console.log(...a);

const ee = new EventEmitter();
// newListener fires before the listener is added; a listener added from it comes first.
ee.on('newListener', function nl(event, listener) {
  log('newListener', String(event), listener.name, 'count before', this.listenerCount(event));
  if (event === 'data' && !this._adding) {
    this._adding = true;
    this.on('data', function addedInNewListener() { log('added in newListener'); });
    this._adding = false;
  }
});
ee.once('data', function onceData() { log('onceData'); });
ee.emit('data');
ee.emit('data');
log(ee.listeners('data').map((f) => f.name));
// newListener listener itself: first registration does not emit newListener for itself.
const e2 = new EventEmitter();
e2.on('newListener', (ev) => log('e2 newListener for', ev));
e2.on('newListener', () => {});
// once wrapper: newListener receives the original listener.
e2.once('q', function original() {});
// removeListener with the last listener of its event.
const e3 = new EventEmitter();
e3.on('removeListener', (ev, fn) => log('e3 removeListener', ev, fn.name));
function only() {}
e3.on('solo', only);
e3.removeListener('solo', only);
e3.once('solo2', only);
e3.emit('solo2');
log('e3 names', e3.eventNames());
// removing a listener that was added twice removes the last one.
const e4 = new EventEmitter();
const calls = [];
const A = () => calls.push('A');
const B = () => calls.push('B');
e4.on('t', A); e4.on('t', B); e4.on('t', A);
e4.removeListener('t', A);
e4.emit('t');
log(calls);
// Errors thrown by a listener propagate out of emit; later listeners do not run.
const e5 = new EventEmitter();
e5.on('boom', () => { throw new Error('listener threw'); });
e5.on('boom', () => log('not reached'));
try { e5.emit('boom'); } catch (err) { log('caught', err.message); }
// Emitting 'removeListener' / 'newListener' by hand.
log(e5.emit('newListener', 'fake', () => {}));
