'use strict';
// Async Timeline: the `tls` undici reaches for an https: URL. The simulated network has no TLS
// (src/core/node/http/README.md, Limits): the host's tls.connect would open a real socket, so
// the connection fails instead (undici turns it into `TypeError: fetch failed` with this cause).
const { outsideHostMessage } = require('../../../sim/outside');

function connect(options) {
  const err = new Error(`${outsideHostMessage(`https://${options.servername || options.host}:${options.port}`)}; https (TLS) is not simulated either`);
  err.code = 'ERR_ASYNC_TIMELINE_NO_TLS';
  throw err;
}

module.exports = { connect };
