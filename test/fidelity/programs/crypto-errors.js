// How async crypto APIs report bad arguments: pbkdf2 with an unknown digest throws synchronously
// (no callback), missing callback / negative keylen / bad iterations throw ERR_* codes; hkdf with
// an unknown digest; a callback that throws goes to 'uncaughtException' after the derivation.
const crypto = require('node:crypto');

function tryCall(label, fn) {
  try {
    fn();
    console.log(label + ': no throw');
  } catch (e) {
    console.log(`${label}: threw ${e.name} ${e.code} ${JSON.stringify(e.message)}`);
  }
}
tryCall('pbkdf2 bad digest', () => crypto.pbkdf2('p', 's', 1, 32, 'nope-digest', () => console.log('  callback ran (unexpected)')));
tryCall('pbkdf2 no callback', () => crypto.pbkdf2('p', 's', 1, 32, 'sha256'));
tryCall('pbkdf2 keylen -1', () => crypto.pbkdf2('p', 's', 1, -1, 'sha256', () => {}));
tryCall('pbkdf2 iterations 0', () => crypto.pbkdf2('p', 's', 0, 32, 'sha256', () => {}));
tryCall('hkdf bad digest', () => crypto.hkdf('nope-digest', 'key', 'salt', 'info', 16, () => {}));
tryCall('createHash bad', () => crypto.createHash('nope-digest'));
crypto.hkdf('sha256', 'key', 'salt', 'info', 16, (err, ab) => {
  console.log('hkdf ok:', err, ab instanceof ArrayBuffer, Buffer.from(ab).toString('hex'));
  process.on('uncaughtException', (e) => console.log('uncaughtException:', e.message));
  crypto.pbkdf2('p', 's', 1, 8, 'sha256', () => {
    throw new Error('thrown from pbkdf2 callback');
  });
  setTimeout(() => console.log('timeout 300 still runs'), 300);
});
console.log('sync end');
