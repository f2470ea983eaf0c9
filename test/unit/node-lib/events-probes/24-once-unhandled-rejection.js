'use strict';
const { once, EventEmitter } = require('events');
// A rejected once() nobody handles: the process dies with the AbortError (and its cause).
const ee = new EventEmitter();
const ac = new AbortController();
once(ee, 'never', { signal: ac.signal });
setTimeout(() => ac.abort(), 1);
process.on('exit', (c) => console.log('exit code', c));
