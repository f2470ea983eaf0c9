'use strict';
const EventEmitter = require('events');
const log = (...a) => console.log(...a);

const ee = new EventEmitter();
function f() {}
function g() {}
ee.on('x', f);
ee.on('x', f);
ee.once('x', g);
log(ee.listenerCount('x'), ee.listenerCount('x', f), ee.listenerCount('x', g), ee.listenerCount('x', () => {}), ee.listenerCount('y'), ee.listenerCount('y', f));
log(EventEmitter.listenerCount(ee, 'x'));
log(EventEmitter.listenerCount({ listenerCount: (t) => `custom ${t}` }, 'x'));
log(EventEmitter.listenerCount({ _events: { x: [f, g, f] } }, 'x'));
log(EventEmitter.listenerCount({}, 'x'));
const single = new EventEmitter();
single.once('s', g);
log(single.listenerCount('s', g), single.listenerCount('s', f), single.listenerCount('s', null));
