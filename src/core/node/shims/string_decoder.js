// `require('string_decoder')`: the host's (synchronous, pure).
module.exports = require('./host-require.js')('string_decoder');
