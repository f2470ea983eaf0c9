// From readable-stream 4.8.0's lib/internal/streams/state.js and Node.js's
// lib/internal/streams/state.js (`process.binding('natives')['internal/streams/state']` of the
// v20.20.2, v22.23.5, v24.22.3 and v26.12.1 binaries): Node's code with readable-stream's requires.
//
// Why: the default highWaterMark of byte streams is the imitated line's. Node 22 raised it from
// 16 KiB to 64 KiB (except on Windows): `writable.write()` returns false later, a Readable reads
// bigger chunks (test/fidelity/VERSIONS.md: stream-default-highwatermark, fs-writestream-events,
// zlib-stream-events). Object mode keeps 16 in every line.

'use strict';

const { MathFloor, NumberIsInteger } = require('readable-stream/lib/ours/primordials');
const { validateInteger } = require('readable-stream/lib/internal/validators');
const { ERR_INVALID_ARG_VALUE } = require('readable-stream/lib/ours/errors').codes;
const { host } = require('../host');

// Set by setDefaultHighWaterMark; until then the line's default (host is set before any use).
let defaultHighWaterMarkBytes;
let defaultHighWaterMarkObjectMode = 16;

function lineDefaultBytes() {
  return host.nodeMajor >= 22 && process.platform !== 'win32' ? 64 * 1024 : 16 * 1024;
}

function highWaterMarkFrom(options, isDuplex, duplexKey) {
  return options.highWaterMark != null ? options.highWaterMark :
    isDuplex ? options[duplexKey] : null;
}

function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultHighWaterMarkObjectMode : (defaultHighWaterMarkBytes ?? lineDefaultBytes());
}

function setDefaultHighWaterMark(objectMode, value) {
  validateInteger(value, 'value', 0);
  if (objectMode) {
    defaultHighWaterMarkObjectMode = value;
  } else {
    defaultHighWaterMarkBytes = value;
  }
}

function getHighWaterMark(state, options, duplexKey, isDuplex) {
  const hwm = highWaterMarkFrom(options, isDuplex, duplexKey);
  if (hwm != null) {
    if (!NumberIsInteger(hwm) || hwm < 0) {
      const name = isDuplex ? `options.${duplexKey}` : 'options.highWaterMark';
      throw new ERR_INVALID_ARG_VALUE(name, hwm);
    }
    return MathFloor(hwm);
  }

  // Default value
  return getDefaultHighWaterMark(state.objectMode);
}

module.exports = {
  getHighWaterMark,
  getDefaultHighWaterMark,
  setDefaultHighWaterMark,
};
