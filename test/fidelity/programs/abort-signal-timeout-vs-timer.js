// AbortSignal.timeout(50) fires before a 100 ms timer: its reason is a TimeoutError
// DOMException (code 23); the 'abort' event, onabort and the listener's this/target; a
// signal created by AbortSignal.abort() is aborted from the start with an AbortError.
const log = (s) => console.log(s);
const s = AbortSignal.timeout(50);
log('aborted at start ' + s.aborted);
s.onabort = (ev) => log('onabort type=' + ev.type + ' target ok=' + (ev.target === s));
s.addEventListener('abort', function () {
  log('abort listener reason ' + s.reason.name + ' code ' + s.reason.code + ' this ok=' + (this === s));
  process.nextTick(() => log('nextTick after abort listener'));
});
setTimeout(() => log('100 ms timer; signal aborted=' + s.aborted), 100);
const pre = AbortSignal.abort();
log('pre aborted ' + pre.aborted + ' reason ' + pre.reason.name + ' ' + pre.reason.message);
const custom = AbortSignal.abort('my reason');
log('custom reason ' + custom.reason);
try {
  custom.throwIfAborted();
} catch (e) {
  log('throwIfAborted threw ' + e);
}
