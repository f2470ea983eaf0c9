'use strict';
// Async Timeline: the `dns` Node's net.js (lib/net.js) looks host names up with: the sandbox's
// dns, except that a name that is not this machine (localhost) is not looked up at all — a real
// getaddrinfo would leave the machine, and the simulated network only has the program's own
// servers (src/core/sim/outside.ts). The lookup fails as getaddrinfo fails, on the threadpool's
// schedule (a nextTick here), with an error saying why; net.js destroys the socket with it.
const { sandboxModule, real } = require('../../host');
const dns = sandboxModule('dns');
const { isLoopbackHost, outsideHostError } = require('../../../sim/outside');
const { warnOutsideHost } = require('../outside-warning');

function lookup(hostname, options, callback) {
  // With outside hosts recorded and replayed (src/core/netrec), the sandbox's dns answers an
  // outside name from the recording (or a real lookup that is then recorded): src/core/node/dns.ts.
  const remote = require('../../host').host.remote;
  if (remote !== undefined && remote.mode !== 'off') return dns.lookup(hostname, options, callback);
  if (typeof hostname === 'string' && !isLoopbackHost(hostname) && real('net').isIP(hostname) === 0) {
    const cb = typeof options === 'function' ? options : callback;
    const port = typeof options === 'object' && options !== null ? options.port : undefined;
    const target = `a connection to ${hostname}`;
    warnOutsideHost(target);
    process.nextTick(cb, outsideHostError(Error, target, { syscall: 'getaddrinfo', host: hostname, port }));
    return {};
  }
  return dns.lookup(hostname, options, callback);
}

module.exports = Object.assign(Object.create(dns), { lookup });
