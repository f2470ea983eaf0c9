// Used by the build only while src/core/node/events.js does not exist: the host's events.
module.exports = require('./host-require.js')('events');
