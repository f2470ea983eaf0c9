'use strict';
// Async Timeline: the sandbox's queueMicrotask.
module.exports = { queueMicrotask: (fn) => queueMicrotask(fn) };
