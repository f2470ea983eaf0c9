'use strict';
// Async Timeline: lib/internal/worker/io.js — only reached when a web stream is transferred to
// another thread (postMessage with the stream in the transfer list), which is not simulated.
class MessageChannel {
  constructor() {
    throw new Error('async-timeline: transferring a web stream to another thread (postMessage) is not simulated');
  }
}
module.exports = { MessageChannel };
