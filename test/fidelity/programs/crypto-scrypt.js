// crypto.scrypt with fixed inputs and options (N, r, p), callback and promisified forms, equal to
// scryptSync; invalid parameters (N not a power of two) are rejected synchronously with a thrown
// error; a 300 ms timer started inside the first callback fires after the quick N=1024 ones.
const crypto = require('node:crypto');
const { promisify } = require('node:util');

crypto.scrypt('secret', 'pepper', 24, (err, key) => {
  console.log('default params:', err, key.toString('hex'));
  setTimeout(() => console.log('timeout 300'), 300);
  crypto.scrypt('secret', 'pepper', 16, { N: 1024, r: 8, p: 1 }, (err2, key2) => {
    console.log('N=1024:', key2.toString('hex'), 'sync equal:', crypto.scryptSync('secret', 'pepper', 16, { N: 1024 }).equals(key2));
    promisify(crypto.scrypt)('secret', 'pepper', 16, { cost: 1024 }).then((key3) => {
      console.log('promisified (cost alias) equal:', key3.equals(key2));
      try {
        crypto.scrypt('secret', 'pepper', 16, { N: 1000 }, () => console.log('callback (unexpected)'));
        console.log('no throw');
      } catch (e) {
        console.log('N=1000 throws synchronously:', e.name, e.code);
      }
      try {
        crypto.scrypt('secret', 'pepper', 16, { N: 1024, cost: 1024 }, () => {});
      } catch (e) {
        console.log('N and cost both:', e.code);
      }
    });
  });
});
