// AbortController.abort(): listeners run synchronously inside abort(), in registration order
// (onabort at the position it was first set), { once: true } listeners removed, a second
// abort() is a no-op, abort() from inside a listener of another signal, default reason.
const log = (s) => console.log(s);
const ac = new AbortController();
const { signal } = ac;
signal.addEventListener('abort', () => log('listener 1'));
signal.onabort = () => log('onabort');
signal.addEventListener('abort', () => log('listener once'), { once: true });
signal.addEventListener('abort', () => log('listener 3'));
const dup = () => log('dup (added twice, runs once)');
signal.addEventListener('abort', dup);
signal.addEventListener('abort', dup);
const ac2 = new AbortController();
ac2.signal.addEventListener('abort', () => log('ac2 listener reason=' + ac2.signal.reason));
signal.addEventListener('abort', () => { log('listener 4 aborting ac2'); ac2.abort('chained'); log('listener 4 after ac2.abort'); });
process.nextTick(() => log('nextTick'));
Promise.resolve().then(() => log('promise'));
log('before abort');
ac.abort();
log('after abort reason=' + signal.reason.name + ' ' + (signal.reason instanceof DOMException));
ac.abort('again');
log('second abort kept reason ' + signal.reason.name);
signal.addEventListener('abort', () => log('added after abort (never runs)'));
