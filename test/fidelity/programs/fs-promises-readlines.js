// filehandle.readLines() (Node >= 18.11) consumed with for await: every line including an empty
// one, CRLF, and an unterminated last line (emitted at end of input: the handle's 'close' event,
// emitted when the stream ends, comes before that line reaches the loop); readLines({ start })
// and break (the handle stays open); a 400 ms timer started before fires after all of it.
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'lines.txt');
fs.writeFileSync(file, 'alpha\nbeta\r\n\ngamma\ndelta');

(async () => {
  setTimeout(() => console.log('timeout 400'), 400);
  const fh = await fsp.open(file);
  console.log('typeof readLines:', typeof fh.readLines);
  fh.on('close', () => console.log('  handle close event'));
  let n = 0;
  for await (const line of fh.readLines()) {
    n++;
    console.log(`line ${n}: ${JSON.stringify(line)}`);
  }
  console.log('loop done, lines =', n, 'fd =', fh.fd);
  const fh2 = await fsp.open(file);
  for await (const line of fh2.readLines({ start: 6 })) {
    console.log('from byte 6:', JSON.stringify(line));
    break;
  }
  console.log('after break, handle open:', fh2.fd !== -1);
  await fh2.close();
  console.log('closed, fd =', fh2.fd);
})();
