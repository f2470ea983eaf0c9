// setEncoding: a multi-byte UTF-8 character split across chunks is decoded whole; hex and
// base64 encodings; readableEncoding; Buffer chunks vs strings in 'data'.
const { Readable } = require('stream');
const log = (s) => console.log(s);
const euro = Buffer.from('€', 'utf8'); // 3 bytes
function make(chunks) {
  return new Readable({ read() { this.push(chunks.length ? chunks.shift() : null); } });
}
const r1 = make([Buffer.from('a'), euro.subarray(0, 1), euro.subarray(1), Buffer.from('z')]);
r1.setEncoding('utf8');
log('encoding ' + r1.readableEncoding);
r1.on('data', (c) => log('utf8 data ' + JSON.stringify(c) + ' ' + typeof c));
r1.on('end', () => {
  log('utf8 end');
  const r2 = make([Buffer.from([1, 2]), Buffer.from([255])]);
  r2.setEncoding('hex');
  r2.on('data', (c) => log('hex data ' + c));
  r2.on('end', () => {
    const r3 = make([Buffer.from('hello')]);
    r3.setEncoding('base64');
    r3.on('data', (c) => log('base64 data ' + c));
    r3.on('end', () => {
      const r4 = make([Buffer.from('xy')]);
      r4.on('data', (c) => log('no encoding: isBuffer ' + Buffer.isBuffer(c) + ' ' + c.toString()));
    });
  });
});
