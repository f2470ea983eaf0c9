// Async randomness without printing random values: randomBytes (callback + promisified) lengths,
// randomFill of a slice (bytes outside the range untouched), randomInt callback form within
// range, randomUUID format; callbacks before a 300 ms timer; the sync forms return immediately.
const crypto = require('node:crypto');
const { promisify } = require('node:util');

setTimeout(() => console.log('timeout 300'), 300);
crypto.randomBytes(48, (err, buf) => {
  console.log('randomBytes:', err, Buffer.isBuffer(buf), buf.length);
  const target = Buffer.alloc(16, 0xaa);
  crypto.randomFill(target, 4, 8, (err2, filled) => {
    console.log('randomFill: same buffer', filled === target, 'head untouched', target.subarray(0, 4).every((b) => b === 0xaa), 'tail untouched', target.subarray(12).every((b) => b === 0xaa));
    crypto.randomInt(10, 20, (err3, n) => {
      console.log('randomInt in [10,20):', err3, Number.isInteger(n) && n >= 10 && n < 20);
      promisify(crypto.randomBytes)(8).then((b) => {
        console.log('promisified randomBytes length', b.length);
        const u = crypto.randomUUID();
        console.log('randomUUID format ok:', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u));
        const arr = new Uint32Array(4);
        console.log('getRandomValues returns its argument:', crypto.getRandomValues(arr) === arr);
      });
    });
  });
});
console.log('randomBytes sync length', crypto.randomBytes(5).length);
try {
  crypto.randomBytes(-1, () => {});
} catch (e) {
  console.log('randomBytes(-1):', e.code);
}
