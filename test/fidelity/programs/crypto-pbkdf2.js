// crypto.pbkdf2 (threadpool) with fixed inputs: callback form and util.promisify form give the
// same hex; inside the callback nextTick/microtask/immediate/timeout(0) run in that order (the
// next derivation starts from that timeout); a 400 ms timer started first fires after the three
// quick derivations; pbkdf2Sync agrees.
const crypto = require('node:crypto');
const util = require('node:util');

setTimeout(() => console.log('timeout 400'), 400);
crypto.pbkdf2('password', 'salt', 1000, 32, 'sha256', (err, key) => {
  console.log('callback:', err, key.length, key.toString('hex'));
  setImmediate(() => console.log('  immediate from callback'));
  Promise.resolve().then(() => console.log('  microtask from callback'));
  process.nextTick(() => console.log('  nextTick from callback'));
  setTimeout(() => {
    console.log('  timeout 0 from callback');
    util.promisify(crypto.pbkdf2)('password', 'salt', 1000, 32, 'sha256').then((key2) => {
      console.log('promisified equal:', key2.equals(key), 'sync equal:', crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').equals(key));
      crypto.pbkdf2(Buffer.from('pw'), new Uint8Array([1, 2, 3]), 1, 20, 'sha1', (err3, key3) => console.log('sha1, buffer inputs:', key3.toString('hex')));
    });
  }, 0);
});
console.log('sync end');
