// dns.Resolver (c-ares) pointed at a tiny DNS server on 127.0.0.1 run by this program with
// dgram (nothing leaves the machine): resolve4 of a known name gets its A record and TTL,
// an unknown name gets ENOTFOUND (NXDOMAIN), a SERVFAIL answer gets ESERVFAIL; the promises
// Resolver too; err.code / syscall / hostname; the server counts the queries it answered.
const dgram = require('node:dgram');
const dns = require('node:dns');

function answer(msg) {
  const id = msg.readUInt16BE(0);
  let off = 12;
  const labels = [];
  while (msg[off] !== 0) {
    labels.push(msg.subarray(off + 1, off + 1 + msg[off]).toString());
    off += msg[off] + 1;
  }
  const question = msg.subarray(12, off + 5);
  const qtype = msg.readUInt16BE(off + 1);
  const name = labels.join('.').toLowerCase();
  let rcode = 3; // NXDOMAIN
  let answers = [];
  if (name === 'known.test' && qtype === 1) {
    rcode = 0;
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question name
    rr.writeUInt16BE(1, 2); // A
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(300, 6); // TTL
    rr.writeUInt16BE(4, 10);
    Buffer.from([127, 0, 0, 42]).copy(rr, 12);
    answers = [rr];
  } else if (name === 'broken.test') {
    rcode = 2; // SERVFAIL
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x8180 | rcode, 2); // response, RD, RA
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, question, ...answers]);
}

const server = dgram.createSocket('udp4');
let answered = 0;
server.on('message', (msg, rinfo) => {
  answered++;
  server.send(answer(msg), rinfo.port, rinfo.address);
});
server.bind(0, '127.0.0.1', async () => {
  const addr = `127.0.0.1:${server.address().port}`;
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([addr]);
  const show = (label) => (err, res) =>
    console.log(label, err ? `${err.code} syscall=${err.syscall} hostname=${err.hostname} errno=${err.errno}` : JSON.stringify(res));
  await new Promise((r) => resolver.resolve4('known.test', (e, a) => { show('resolve4 known:')(e, a); r(); }));
  await new Promise((r) => resolver.resolve4('known.test', { ttl: true }, (e, a) => { show('resolve4 known ttl:')(e, a); r(); }));
  await new Promise((r) => resolver.resolve4('no-such-host.invalid', (e, a) => { show('resolve4 unknown:')(e, a); r(); }));
  await new Promise((r) => resolver.resolve4('broken.test', (e, a) => { show('resolve4 servfail:')(e, a); r(); }));
  const pres = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
  pres.setServers([addr]);
  console.log('promises resolve4:', await pres.resolve4('KNOWN.test'));
  try {
    await pres.resolve4('nope.test');
  } catch (e) {
    console.log('promises unknown:', e.code, e.syscall, e.hostname, e.message);
  }
  console.log('queries answered:', answered);
  server.close(() => console.log('server closed'));
});
