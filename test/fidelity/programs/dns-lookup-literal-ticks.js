// dns.lookup of IP literals and the empty string never reaches getaddrinfo: the callback comes on
// a nextTick queued by lookup() itself (before later nextTicks, before promise jobs); family is
// inferred (4/6); { all: true } wraps it in an array; '' gives null address (Node 26: throws
// ERR_INVALID_ARG_VALUE at the call).
const dns = require('node:dns');

dns.lookup('127.0.0.1', (err, address, family) => console.log('literal v4:', err, address, family));
process.nextTick(() => console.log('nextTick queued after first lookup'));
Promise.resolve().then(() => console.log('microtask'));
dns.lookup('::1', (err, address, family) => console.log('literal v6:', err, address, family));
dns.lookup('10.1.2.3', { all: true }, (err, list) => console.log('literal all:', err, list));
const empty = (...args) => {
  try {
    dns.lookup('', ...args);
  } catch (e) {
    console.log('empty string throws:', e.name, e.code, e.message);
  }
};
empty((err, address, family) => console.log('empty string:', err, address, family));
empty({ family: 6 }, (err, address, family) => console.log('empty string, family 6:', err, address, family));
dns.lookup('::ffff:127.0.0.1', { family: 4 }, (err, address, family) => console.log('mapped v6 literal with family 4:', err, address, family));
setImmediate(() => console.log('immediate'));
console.log('sync end');
