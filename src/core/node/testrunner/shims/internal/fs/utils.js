'use strict';
// Async Timeline: lib/internal/fs/utils.js' validatePath (a string, Buffer or file URL without NUL bytes).
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE } } = require('internal/errors');
function validatePath(path, propName = 'path') {
  if (typeof path !== 'string' && !Buffer.isBuffer(path) && !(path instanceof URL)) {
    throw new ERR_INVALID_ARG_TYPE(propName, ['string', 'Buffer', 'URL'], path);
  }
  if (String(path).includes('\u0000')) {
    throw new ERR_INVALID_ARG_VALUE(propName, path, 'must be a string, Uint8Array, or URL without null bytes');
  }
}
module.exports = { validatePath };
