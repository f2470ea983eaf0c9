// dns.lookup (getaddrinfo on the threadpool) of 'localhost', answered from /etc/hosts only:
// { family: 4 } gives 127.0.0.1; the default lookup gives a loopback address (printed as a
// fact: whether ::1 or 127.0.0.1 comes first depends on the machine); { all: true } includes
// 127.0.0.1; a 500 ms timer fires after all four. (No other host is looked up: this machine's
// resolver is not on the machine, so an unknown name would send a query off it.)
const dns = require('node:dns');

setTimeout(() => console.log('timeout 500'), 500);
dns.lookup('localhost', { family: 4 }, (err, address, family) => {
  console.log('family 4:', err, address, family);
  dns.lookup('localhost', (err2, address2, family2) => {
    console.log('default: loopback', ['127.0.0.1', '::1'].includes(address2), 'family matches', family2 === (address2.includes(':') ? 6 : 4));
    dns.lookup('localhost', { all: true }, (err3, list) => {
      console.log('all: array', Array.isArray(list), 'has 127.0.0.1/4', list.some((a) => a.address === '127.0.0.1' && a.family === 4));
      dns.lookup('LOCALHOST', { family: 4 }, (err4, a4) => console.log('upper case:', err4, a4));
    });
  });
});
console.log('sync end');
