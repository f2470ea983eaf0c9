// emit('error') with no listener throws synchronously: a non-Error value is wrapped in
// ERR_UNHANDLED_ERROR (caught here); thrown from a timer it kills the process with exit 1 and
// the "Unhandled 'error' event" report (Error + "Emitted 'error' event at:") on stderr; a
// nextTick queued in that timer before the emit never runs.
const EventEmitter = require('events');
const log = (s) => console.log(s);
const e = new EventEmitter();
try {
  e.emit('error', 'just a string');
} catch (err) {
  log('caught ' + err.code + ' | ' + err.message);
}
process.nextTick(() => log('nextTick (runs: the crash happens in a timer)'));
setTimeout(() => {
  log('timer: emitting error');
  process.nextTick(() => log('never printed'));
  e.emit('error', new Error('nobody listens'));
  log('never printed either');
}, 10);
