'use strict';
// Async Timeline: the default high-water mark of byte streams: 16 KiB up to Node 20, 64 KiB from Node 22.
const { host } = require('../../../../host');
function getDefaultHighWaterMark(objectMode) {
  return objectMode ? 16 : host.nodeMajor >= 22 ? 64 * 1024 : 16 * 1024;
}
module.exports = { getDefaultHighWaterMark };
