'use strict';
const { addAbortListener } = require('events');
const log = (...a) => console.log(...a);

const ac = new AbortController();
const d1 = addAbortListener(ac.signal, (e) => log('listener 1', e.type));
const d2 = addAbortListener(ac.signal, () => log('listener 2 (disposed)'));
log('disposable', Object.getPrototypeOf(d1), Reflect.ownKeys(d1).map(String), typeof d1[Symbol.dispose]);
d2[Symbol.dispose]();
d2[Symbol.dispose]();
ac.signal.addEventListener('abort', (e) => { log('user listener stops propagation'); e.stopImmediatePropagation(); });
const d3 = addAbortListener(ac.signal, () => log('listener 3 resists stopImmediatePropagation'));
ac.abort();
log('after abort');

// Already aborted: the listener runs in a microtask (no event argument).
const aborted = AbortSignal.abort();
process.nextTick(() => log('tick'));
Promise.resolve().then(() => log('then'));
const d4 = addAbortListener(aborted, (...args) => log('already aborted listener', args.length));
queueMicrotask(() => log('micro'));
d4[Symbol.dispose]();
log('sync end', typeof d3);
