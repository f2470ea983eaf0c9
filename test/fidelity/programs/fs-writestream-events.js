// fs.createWriteStream event order: 'open'/'ready', write callbacks in order, 'finish', end()
// callback, 'close'; bytesWritten/pending/writableFinished along the way; the file content read
// back afterwards.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'out.txt');

const ws = fs.createWriteStream(file);
console.log('pending =', ws.pending, 'writableHighWaterMark =', ws.writableHighWaterMark);
ws.on('open', (fd) => console.log('open', typeof fd));
ws.on('ready', () => console.log('ready'));
ws.on('finish', () => console.log('finish, bytesWritten =', ws.bytesWritten, 'writableFinished =', ws.writableFinished));
ws.on('close', () => {
  console.log('close');
  console.log('content:', JSON.stringify(fs.readFileSync(file, 'utf8')));
});
console.log('write 1 returned', ws.write('one\n', () => console.log('write 1 cb')));
console.log('write 2 returned', ws.write(Buffer.from('two\n'), () => console.log('write 2 cb')));
ws.end('three\n', () => console.log('end cb'));
console.log('after end: writableEnded =', ws.writableEnded, 'writableFinished =', ws.writableFinished);
process.nextTick(() => console.log('nextTick'));
