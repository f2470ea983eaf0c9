'use strict';
const EventEmitter = require('events');

const ee = new EventEmitter({ captureRejections: true });
ee.on('job', async () => {
  await new Promise((r) => setTimeout(r, 2));
  throw new RangeError('async listener failed');
});
ee.emit('job');
process.on('exit', (c) => console.log('exit', c));
console.log('emitted');
