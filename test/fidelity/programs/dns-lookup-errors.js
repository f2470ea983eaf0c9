// dns.lookup argument errors are thrown synchronously (no callback): non-string hostname, bad
// family, bad hints, missing callback; the ERR_* codes and messages; dns.lookupService with an
// invalid port throws too. Nothing here reaches the resolver.
const dns = require('node:dns');

function tryCall(label, fn) {
  try {
    fn();
    console.log(label + ': no throw');
  } catch (e) {
    console.log(`${label}: ${e.name} ${e.code} ${JSON.stringify(e.message)}`);
  }
}
const cb = () => console.log('callback ran (unexpected)');
tryCall('hostname 42', () => dns.lookup(42, cb));
tryCall('family 5', () => dns.lookup('localhost', { family: 5 }, cb));
tryCall('family "IPv7"', () => dns.lookup('localhost', { family: 'IPv7' }, cb));
tryCall('hints -1', () => dns.lookup('localhost', { hints: -1 }, cb));
tryCall('no callback', () => dns.lookup('localhost'));
tryCall('lookupService bad port', () => dns.lookupService('127.0.0.1', 99999, cb));
tryCall('lookupService bad address', () => dns.lookupService('not-an-ip', 80, cb));
console.log('family "IPv4" accepted:');
dns.lookup('127.0.0.1', { family: 'IPv4' }, (err, a, f) => console.log('  ->', err, a, f));
