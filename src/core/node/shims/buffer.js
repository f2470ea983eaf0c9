// `require('buffer')` inside Node's modules in the sandbox: the host's (Buffer is a host global there too).
module.exports = require('./host-require.js')('buffer');
