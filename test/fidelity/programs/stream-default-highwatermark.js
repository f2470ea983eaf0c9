// Default highWaterMark values of Readable/Writable/Transform (bytes and objectMode),
// explicit highWaterMark 0, and when write() on a fresh Writable starts returning false.
const { Readable, Writable, Transform } = require('stream');
const log = (s) => console.log(s);
log('readable bytes ' + new Readable({ read() {} }).readableHighWaterMark);
log('readable objects ' + new Readable({ objectMode: true, read() {} }).readableHighWaterMark);
log('writable bytes ' + new Writable().writableHighWaterMark);
log('writable objects ' + new Writable({ objectMode: true }).writableHighWaterMark);
const t = new Transform({ readableObjectMode: true });
log('transform readable ' + t.readableHighWaterMark + ' writable ' + t.writableHighWaterMark);
const zero = new Readable({ highWaterMark: 0, read() { log('hwm0 _read'); this.push('x'); this.push(null); } });
zero.on('data', (c) => log('hwm0 data ' + c));
const slow = new Writable({ write(c, e, cb) { setImmediate(cb); } });
let n = 0;
while (slow.write(Buffer.alloc(1024))) n++;
log('writes of 1 KiB accepted before false: ' + (n + 1));
