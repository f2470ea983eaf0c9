// dns/promises lookup from ESM with top-level await: 'localhost' with family 4, all: true, an
// IP literal (resolves after promise jobs queued earlier? no: compare with a microtask chain),
// invalid arguments rejecting vs throwing; dns.promises is the same object.
import dns from 'node:dns';
import dnsPromises from 'node:dns/promises';

console.log('same object:', dns.promises === dnsPromises);
console.log('family 4:', await dnsPromises.lookup('localhost', { family: 4 }));
const all = await dnsPromises.lookup('localhost', { all: true });
console.log('all includes 127.0.0.1:', all.some((a) => a.address === '127.0.0.1'));
const order = [];
const p = dnsPromises.lookup('127.0.0.1').then((r) => order.push(`lookup ${r.address}/${r.family}`));
Promise.resolve().then(() => order.push('microtask 1')).then(() => order.push('microtask 2'));
process.nextTick(() => order.push('nextTick'));
await p;
console.log('literal lookup order:', order.join(' | '));
try {
  await dnsPromises.lookup('localhost', { family: 5 });
} catch (e) {
  console.log('family 5 rejects:', e.code);
}
try {
  dnsPromises.lookup(42).catch((e) => console.log('42 rejected (unexpected):', e.code));
  console.log('no throw');
} catch (e) {
  console.log('lookup(42) throws synchronously:', e.code);
}
