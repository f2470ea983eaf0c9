// for await (const line of rl) over Readable.from(['a\nb\n', 'c\n']): lines arrive in
// order, an await inside the loop does not lose lines (the iterator buffers them: 'close'
// fires before the first line is consumed); break closes the interface.
const readline = require('readline');
const { Readable } = require('stream');
const log = (s) => console.log(s);
(async () => {
  const rl = readline.createInterface({ input: Readable.from(['a\nb\n', 'c\n']) });
  rl.on('close', () => log('close event'));
  for await (const line of rl) {
    log('line ' + line);
    await new Promise((r) => setTimeout(r, 5));
    log('  after sleep ' + line);
  }
  log('loop done');
  const rl2 = readline.createInterface({ input: Readable.from(['x\ny\nz\n']) });
  for await (const line of rl2) {
    log('rl2 ' + line);
    if (line === 'y') break;
  }
  log('rl2 after break closed=' + rl2.closed);
})();
