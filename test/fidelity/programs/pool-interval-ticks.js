// A 5 ms setInterval keeps ticking while the main thread awaits a ~100+ ms pbkdf2 on the
// threadpool (the loop is free); the exact count depends on real time, so only a coarse fact is
// printed; clearInterval after the await; no tick after clearing.
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const pbkdf2 = promisify(crypto.pbkdf2);

(async () => {
  let ticks = 0;
  const iv = setInterval(() => ticks++, 5);
  const key = await pbkdf2('password', 'salt', 150000, 32, 'sha512');
  clearInterval(iv);
  console.log('key length', key.length);
  console.log('ticks > 5:', ticks > 5);
  const at = ticks;
  await new Promise((r) => setTimeout(r, 30));
  console.log('no tick after clearInterval:', ticks === at);
  // The opposite: a synchronous derivation blocks the loop, so the interval cannot tick.
  let ticks2 = 0;
  const iv2 = setInterval(() => ticks2++, 5);
  crypto.pbkdf2Sync('password', 'salt', 150000, 32, 'sha512');
  console.log('ticks during pbkdf2Sync:', ticks2);
  clearInterval(iv2);
})();
