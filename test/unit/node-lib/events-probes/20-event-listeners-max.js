'use strict';
const events = require('events');
const { EventEmitter, getEventListeners, getMaxListeners, setMaxListeners } = events;
const log = (...a) => console.log(...a);

const ee = new EventEmitter();
function f1() {}
function f2() {}
ee.on('x', f1);
ee.once('x', f2);
log(getEventListeners(ee, 'x').map((f) => f.name), getEventListeners(ee, 'none'));

const et = new EventTarget();
const obj = { handleEvent() {} };
et.addEventListener('foo', f1);
et.addEventListener('foo', obj);
et.addEventListener('foo', f2, { once: true });
log(getEventListeners(et, 'foo').map((f) => f.name ?? typeof f), getEventListeners(et, 'bar'));
log('et max', getMaxListeners(et), 'ee max', getMaxListeners(ee));

process.on('warning', (w) => log('warning:', w.name, w.message.replace(/\[.*\]/, '[...]')));
setMaxListeners(2, et, ee);
log('after set', getMaxListeners(et), getMaxListeners(ee), ee.getMaxListeners());
et.addEventListener('foo', () => {});
et.addEventListener('foo', () => {});
ee.on('x', () => {});
ee.on('x', () => {});
const sig = new AbortController().signal;
setMaxListeners(1, sig);
sig.addEventListener('abort', () => {});
sig.addEventListener('abort', () => {});
log('signal max', getMaxListeners(sig));
setMaxListeners(0, et);
log('et 0', (() => { try { return getMaxListeners(et); } catch (err) { return err.code; } })());
