// An exception thrown inside an fs callback goes to 'uncaughtException' and the loop goes on (the
// timer still fires, later fs callbacks still run); the second throw, after the listener is
// removed, crashes the process with exit code 1.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('exit', code);
});
const file = path.join(dir, 'f.txt');
fs.writeFileSync(file, 'abc');

function onUncaught(err, origin) {
  console.log('uncaughtException:', err.message, origin);
  process.removeListener('uncaughtException', onUncaught);
}
process.on('uncaughtException', onUncaught);
setTimeout(() => {
  console.log('timeout 400');
  fs.stat(file, () => {
    console.log('second stat callback, throwing again');
    throw new Error('second boom');
  });
}, 400);
fs.readFile(file, 'utf8', (err, data) => {
  console.log('readFile:', data);
  process.nextTick(() => console.log('nextTick queued before the throw'));
  throw new Error('first boom');
});
