'use strict';
// An 'error' event nobody listens to: thrown from emit, printed with "Emitted 'error' event at:".
const EventEmitter = require('events');

function level3(ee) { ee.emit('error', new Error('boom')); }
function level2(ee) { level3(ee); }
function level1(ee) { level2(ee); }
console.log('before');
process.on('exit', (code) => console.log('exit', code));
level1(new EventEmitter());
console.log('not reached');
