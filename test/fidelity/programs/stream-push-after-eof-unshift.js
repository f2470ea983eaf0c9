// push() after push(null) emits ERR_STREAM_PUSH_AFTER_EOF as 'error'; unshift() puts data
// back at the front of the buffer and it is read next.
const { Readable } = require('stream');
const log = (s) => console.log(s);
const r = new Readable({ read() {} });
r.push('hello ');
r.push('world');
r.push(null);
r.once('readable', () => {
  const first = r.read(5);
  log('read(5) ' + first);
  r.unshift(Buffer.from('HELLO'));
  log('after unshift length=' + r.readableLength);
  let c;
  while ((c = r.read()) !== null) log('read ' + c);
});
r.on('end', () => log('end'));
r.on('close', () => log('close'));
setTimeout(() => {
  const late = new Readable({ read() {} });
  late.on('error', (e) => log('late error ' + e.code));
  late.on('close', () => log('late close'));
  late.push(null);
  late.push('too late');
  log('pushed after eof');
}, 20);
