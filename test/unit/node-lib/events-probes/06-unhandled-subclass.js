'use strict';
const EventEmitter = require('events');

class MyEmitter extends EventEmitter {}
const e = new MyEmitter();
setTimeout(() => {
  queueMicrotask(() => {
    e.emit('error', new TypeError('from a microtask'));
  });
}, 1);
