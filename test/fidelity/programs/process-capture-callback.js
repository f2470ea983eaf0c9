// process.setUncaughtExceptionCaptureCallback: argument checks, ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET,
// the capture callback replacing 'uncaughtException' listeners (the monitor still runs), for
// exceptions and unhandled rejections; cleared with null; a capture callback that throws: exit 7.
const log = console.log;
log('has', process.hasUncaughtExceptionCaptureCallback());
for (const bad of [1, 'x', {}, undefined, Symbol('s')]) {
  try {
    process.setUncaughtExceptionCaptureCallback(bad);
  } catch (e) {
    log(e.name, e.code, e.message);
  }
}
process.on('uncaughtExceptionMonitor', (e, origin) => log('monitor', e.message, origin));
process.on('uncaughtException', (e, origin) => log('listener', e.message, origin));
process.setUncaughtExceptionCaptureCallback(function (e) {
  log('capture', e.message, arguments.length);
});
log('has', process.hasUncaughtExceptionCaptureCallback());
try {
  process.setUncaughtExceptionCaptureCallback(() => {});
} catch (e) {
  log(e.name, e.code, e.message, Object.keys(e));
}
setTimeout(() => {
  throw new Error('in timer');
}, 1);
setTimeout(() => {
  Promise.reject(new Error('rejected'));
}, 2);
setTimeout(() => {
  process.nextTick(() => {
    throw new Error('in tick');
  });
}, 3);
setTimeout(() => {
  process.setUncaughtExceptionCaptureCallback(null);
  log('has', process.hasUncaughtExceptionCaptureCallback());
  throw new Error('after clear');
}, 4);
setTimeout(() => {
  process.removeAllListeners('uncaughtException');
  process.setUncaughtExceptionCaptureCallback((e) => {
    log('capture 2', e.message);
    throw new Error('from capture');
  });
  throw new Error('third');
}, 5);
setTimeout(() => log('never: timer after the exit'), 6);
process.on('exit', (c) => log('never: exit', c));
