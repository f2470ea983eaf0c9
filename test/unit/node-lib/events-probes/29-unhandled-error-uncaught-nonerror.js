'use strict';
const EventEmitter = require('events');
// Thrown from inside a listener of another event, with a number.
const ee = new EventEmitter();
ee.on('start', () => ee.emit('error', 404));
process.nextTick(() => ee.emit('start'));
