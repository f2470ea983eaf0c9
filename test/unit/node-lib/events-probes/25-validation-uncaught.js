'use strict';
const EventEmitter = require('events');
const e = new EventEmitter();
console.log('adding a listener that is not a function');
e.on('data', { not: 'a function' });
