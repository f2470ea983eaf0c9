'use strict';
const events = require('events');
const { EventEmitterAsyncResource, EventEmitter } = events;
const { executionAsyncId, triggerAsyncId, AsyncResource, AsyncLocalStorage } = require('async_hooks');
const log = (...a) => console.log(...a);

log(EventEmitterAsyncResource === events.EventEmitterAsyncResource, EventEmitterAsyncResource.name);
log(Object.getPrototypeOf(EventEmitterAsyncResource) === EventEmitter);
const als = new AsyncLocalStorage();
als.run('store-1', () => {
  const r = new EventEmitterAsyncResource({ name: 'MyResource' });
  log('instance', r instanceof EventEmitter, r instanceof EventEmitterAsyncResource, typeof r.asyncId, typeof r.triggerAsyncId);
  log('asyncResource', r.asyncResource instanceof AsyncResource, r.asyncResource.eventEmitter === r, r.asyncResource.constructor.name);
  const outerId = executionAsyncId();
  r.on('go', function(a, b) {
    log('listener', this === r, a, b, executionAsyncId() === r.asyncId, executionAsyncId() !== outerId, triggerAsyncId() === r.triggerAsyncId, als.getStore());
  });
  als.run('store-2', () => {
    log('emit returns', r.emit('go', 1, 2));
  });
  log('no listener', r.emit('nothing'));
  try { r.emit('error', new Error('unhandled in resource')); } catch (err) { log('thrown', err.message); }
  r.emitDestroy();
  log('ids', r.asyncId > 0, r.triggerAsyncId >= 0, r.asyncId !== r.triggerAsyncId);
});
class Sub extends EventEmitterAsyncResource {}
const s = new Sub();
log('subclass default name ok', s.asyncResource instanceof AsyncResource);
const named = new EventEmitterAsyncResource('StringName');
log('string name', typeof named.asyncId);
const withTrigger = new EventEmitterAsyncResource({ name: 'T', triggerAsyncId: 1, captureRejections: true });
log('trigger', withTrigger.triggerAsyncId);
withTrigger.on('x', async () => { throw new Error('captured in resource'); });
withTrigger.on('error', (err) => log('resource error event', err.message));
withTrigger.emit('x');
const inspected = require('util').inspect(named, { depth: 0 }).replace(/\d+/g, 'N');
log(inspected);
