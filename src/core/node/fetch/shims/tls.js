'use strict';
// Async Timeline: the `tls` undici reaches for an https: URL. TLS itself is not simulated
// (src/core/node/http/README.md, Limits): the host's tls.connect would open a real socket.
// - Outside hosts recorded and replayed (src/core/netrec, a network mode other than 'off'): the
//   socket is a plain simulated connection (Node's net.js) whose far end is the recorded https
//   server (http/remote-peer.ts); the recorder performed the real request with https. It says it
//   is encrypted and authorized, and negotiated no ALPN protocol, so undici speaks HTTP/1.1.
// - Otherwise the connection fails at once (undici turns it into `TypeError: fetch failed`).
const { outsideHostMessage } = require('../../../sim/outside');
const { host } = require('../../host');

function connect(options, callback) {
  if (typeof options !== 'object' || options === null) options = {};
  const remote = host.remote;
  if (remote === undefined || remote.mode === 'off') {
    const err = new Error(`${outsideHostMessage(`https://${options.servername || options.host}:${options.port}`)}; https (TLS) is not simulated either`);
    err.code = 'ERR_ASYNC_TIMELINE_NO_TLS';
    throw err;
  }
  const net = require('../../http/lib/net.js');
  const socket = new net.Socket({ allowHalfOpen: options.allowHalfOpen });
  socket.encrypted = true;
  socket.authorized = true;
  socket.authorizationError = null;
  socket.alpnProtocol = false;
  socket.servername = options.servername || options.host;
  socket.getPeerCertificate = () => ({});
  socket.getSession = () => undefined;
  socket.getProtocol = () => 'TLSv1.3';
  socket.connect({ host: options.host, port: options.port || 443, localAddress: options.localAddress, family: options.family, lookup: options.lookup });
  // net.js made the TCP handle in connect(): the remote peer it reaches answers as an https server.
  if (socket._handle) socket._handle.tls = true;
  socket.once('connect', () => socket.emit('secureConnect'));
  if (typeof callback === 'function') socket.once('secureConnect', callback);
  return socket;
}

module.exports = { connect };
