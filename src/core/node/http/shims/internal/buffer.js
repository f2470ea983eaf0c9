'use strict';
// Async Timeline: FastBuffer(arrayBuffer, offset, length): a Buffer over those bytes.
const { Buffer } = require('buffer');
function FastBuffer(arrayBuffer, offset, length) {
  return Buffer.from(arrayBuffer, offset, length);
}
module.exports = { FastBuffer };
