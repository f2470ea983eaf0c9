// node: >=24
// AsyncDisposableStack.disposeAsync: each async disposer awaited in turn, sync ones in
// between, null resources awaited once; a rejection is chained; ticks interleave as in V8.
const log = [];
const tick = (n) => { let p = Promise.resolve(); for (let i = 1; i <= n; i++) { const k = i; p = p.then(() => log.push(`tick ${k}`)); } return p; };
tick(12).then(() => console.log(log.join('\n')));
const stack = new AsyncDisposableStack();
stack.use({ [Symbol.dispose]() { log.push('sync resource (added first)'); } });
stack.use({ async [Symbol.asyncDispose]() { log.push('async resource start'); await null; log.push('async resource end'); } });
stack.use(null);
stack.defer(() => { log.push('deferred returns undefined'); });
stack.adopt('h', async (h) => log.push(`adopted ${h}`));
stack.disposeAsync().then(() => log.push('disposeAsync fulfilled'));
stack.disposeAsync().then(() => log.push('second disposeAsync fulfilled'));
log.push('after disposeAsync call');
const nulls = new AsyncDisposableStack();
nulls.use(null);
nulls.use({ [Symbol.dispose]() { log.push('sync after null'); } });
nulls.disposeAsync().then(() => log.push('nulls done'));
const failing = new AsyncDisposableStack();
failing.defer(async () => { throw new Error('a'); });
failing.defer(() => Promise.reject(new Error('b')));
failing.disposeAsync().catch((e) => log.push(`${e.name}: ${e.error.message} over ${e.suppressed.message}`));
AsyncDisposableStack.prototype.disposeAsync.call({}).catch((e) => log.push(`${e.constructor.name}: ${e.message}`));
