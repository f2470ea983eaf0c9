'use strict';
// Async Timeline: lib/internal/encoding.js — the sandbox's TextEncoder/TextDecoder (the host's:
// they encode and decode synchronously, nothing of theirs is queued).
let utf8Decoder;
module.exports = {
  TextEncoder: globalThis.TextEncoder,
  TextDecoder: globalThis.TextDecoder,
  getUtf8Decoder: () => (utf8Decoder ??= new globalThis.TextDecoder()),
};
