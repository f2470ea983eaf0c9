// events.errorMonitor listeners run before regular 'error' listeners and do not count as
// handling the error; with only a monitor the error is still thrown (caught here).
const { EventEmitter, errorMonitor } = require('events');
const log = (s) => console.log(s);
const e = new EventEmitter();
e.on(errorMonitor, (err) => log('monitor ' + err.message));
try {
  e.emit('error', new Error('one'));
} catch (err) {
  log('thrown despite monitor: ' + err.message);
}
e.on('error', (err) => log('handler ' + err.message));
e.prependListener(errorMonitor, () => log('monitor 0 (prepended)'));
log('emit returns ' + e.emit('error', new Error('two')));
log('listenerCount error=' + e.listenerCount('error') + ' monitor=' + e.listenerCount(errorMonitor));
