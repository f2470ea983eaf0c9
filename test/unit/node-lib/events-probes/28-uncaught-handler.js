'use strict';
const EventEmitter = require('events');
const log = (...a) => console.log(...a);

process.on('uncaughtException', (err, origin) => {
  log('uncaughtException', origin, err.name, err.code, err.message);
  log('  enhancer present', Object.getOwnPropertySymbols(err).map(String));
});
const ee = new EventEmitter();
setTimeout(() => ee.emit('error', 'string error'), 1);
setTimeout(() => ee.emit('error', new Error('real error')), 2);
setTimeout(() => {
  const c = new EventEmitter({ captureRejections: true });
  c.on('x', async () => { throw new Error('captured, no error listener'); });
  c.emit('x');
}, 3);
setTimeout(() => log('still alive'), 10);
