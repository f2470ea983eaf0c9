// EventEmitterAsyncResource: an EventEmitter tied to an AsyncResource; its listeners run in
// the resource's async context (the AsyncLocalStorage store seen at construction), whoever emits.
const { EventEmitterAsyncResource, EventEmitter } = require('events');
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');
const log = (s) => console.log(s);
const als = new AsyncLocalStorage();
let ee;
let plain;
als.run('created-here', () => {
  ee = new EventEmitterAsyncResource({ name: 'MyEmitter' });
  plain = new EventEmitter();
});
log('is EventEmitter ' + (ee instanceof EventEmitter) + ' is AsyncResource ' + (ee.asyncResource instanceof AsyncResource) + ' back-ref ' + (ee.asyncResource.eventEmitter === ee));
ee.on('ping', (n) => log('async-resource listener ' + n + ' store=' + als.getStore()));
plain.on('ping', (n) => log('plain listener ' + n + ' store=' + als.getStore()));
als.run('emitter-side', () => {
  ee.emit('ping', 1);
  plain.emit('ping', 1);
  setTimeout(() => {
    ee.emit('ping', 2);
    plain.emit('ping', 2);
    ee.emitDestroy();
    log('destroyed emitted');
  }, 10);
});
