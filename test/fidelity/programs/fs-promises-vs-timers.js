// Where fs.promises continuations land: a stat started inside an fs callback (poll phase) resolves
// in a later poll phase, after an immediate created alongside it; microtasks vs nextTick in and
// after the continuation (nextTicks queued from a promise job wait until the microtask queue is
// empty); a readFile started next; a 400 ms timer comes after all of it.
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'x.txt');
fs.writeFileSync(file, 'twelve bytes');

setTimeout(() => console.log('timer 400'), 400);
fs.access(file, async () => {
  console.log('access callback');
  setImmediate(() => console.log('immediate from access callback'));
  const p = fsp.stat(file);
  Promise.resolve().then(() => console.log('microtask from access callback'));
  process.nextTick(() => console.log('nextTick from access callback'));
  const st = await p;
  console.log('stat resolved, size', st.size);
  process.nextTick(() => console.log('  nextTick from continuation'));
  queueMicrotask(() => console.log('  queueMicrotask from continuation'));
  setImmediate(() => console.log('  immediate from continuation'));
  await null;
  console.log('  after await null');
  const text = await fsp.readFile(file, 'utf8');
  console.log('readFile resolved:', text);
});
