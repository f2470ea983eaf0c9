// Callback readline: rl.question with a PassThrough input; the answer line is not emitted as
// 'line', the lines after it are; ending the input emits 'pause' then 'close' (the close
// relative to the input's 'end' and a nextTick queued from the last 'line').
const readline = require('readline');
const { PassThrough, Writable } = require('stream');
const log = (s) => console.log(s);
const input = new PassThrough();
const output = new Writable({ write(c, e, cb) { log('prompt written ' + JSON.stringify(String(c))); cb(); } });
const rl = readline.createInterface({ input, output, terminal: false });
rl.on('line', (l) => { log('line ' + l); process.nextTick(() => log('  nextTick after line ' + l)); });
rl.on('pause', () => log('pause'));
rl.on('close', () => log('close'));
input.on('end', () => log('input end'));
rl.question('first? ', (a) => {
  log('first answer ' + a);
  setTimeout(() => {
    rl.question('second? ', (b) => log('second answer ' + b));
    input.write('two\nfree line\n');
    input.end('tail\n');
  }, 10);
});
setTimeout(() => input.write('one\n'), 10);
