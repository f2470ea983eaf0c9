'use strict';
// Async Timeline: lib/internal/webstreams/transfer.js moves a web stream to another thread over a
// MessagePort (postMessage(stream, [stream]), structuredClone with transfer), which is not simulated.
function notSimulated() {
  throw new Error('async-timeline: transferring a web stream to another thread (postMessage, structuredClone) is not simulated');
}
module.exports = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? notSimulated : undefined) });
