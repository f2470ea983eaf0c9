'use strict';
// Async Timeline: diagnostics_channel inside the simulation: channels nobody subscribes to
// (Node's net and http publish only when a channel has subscribers).
const channels = new Map();
function channel(name) {
  let c = channels.get(name);
  if (!c) {
    c = { name, hasSubscribers: false, publish() {}, subscribe() {}, unsubscribe() {}, runStores: (_data, fn, thisArg, ...args) => Reflect.apply(fn, thisArg, args) };
    channels.set(name, c);
  }
  return c;
}
function tracingChannel(name) {
  const t = {
    start: channel(`tracing:${name}:start`),
    end: channel(`tracing:${name}:end`),
    asyncStart: channel(`tracing:${name}:asyncStart`),
    asyncEnd: channel(`tracing:${name}:asyncEnd`),
    error: channel(`tracing:${name}:error`),
    hasSubscribers: false,
    traceSync: (fn, _ctx, thisArg, ...args) => Reflect.apply(fn, thisArg, args),
    tracePromise: (fn, _ctx, thisArg, ...args) => Reflect.apply(fn, thisArg, args),
    traceCallback: (fn, _pos, _ctx, thisArg, ...args) => Reflect.apply(fn, thisArg, args),
    subscribe() {},
    unsubscribe() {},
  };
  return t;
}
module.exports = { channel, tracingChannel, hasSubscribers: () => false, subscribe() {}, unsubscribe() {} };
