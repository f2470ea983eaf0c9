// A throwing EventTarget listener does not stop the other listeners; the error is reported
// as an uncaught exception from a later tick (process 'uncaughtException' after nextTicks
// queued during dispatch); an async listener's rejection is reported the same way (as an
// uncaught exception, not an unhandled rejection).
const log = (s) => console.log(s);
process.on('uncaughtException', (e, origin) => log('uncaughtException ' + e.message + ' origin=' + origin));
process.on('unhandledRejection', (e) => log('unhandledRejection ' + e.message));
const t = new EventTarget();
t.addEventListener('boom', () => { log('listener 1 throws'); throw new Error('listener failed'); });
t.addEventListener('boom', () => { log('listener 2 runs'); process.nextTick(() => log('nextTick from listener 2')); Promise.resolve().then(() => log('promise from listener 2')); });
t.addEventListener('boom', async () => { await null; throw new Error('async listener failed'); });
log('dispatch -> ' + t.dispatchEvent(new Event('boom')));
log('after dispatch');
setTimeout(() => log('timer still runs'), 10);
