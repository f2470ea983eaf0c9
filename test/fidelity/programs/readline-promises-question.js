// readline/promises rl.question over a PassThrough input: the prompt is written to the output
// stream, the answer resolves once a line arrives (written later from timers); a question
// with an AbortSignal rejects with AbortError; then close.
const readline = require('readline/promises');
const { PassThrough, Writable } = require('stream');
const log = (s) => console.log(s);
const input = new PassThrough();
let written = '';
const output = new Writable({ write(c, e, cb) { written += c; cb(); } });
const rl = readline.createInterface({ input, output, terminal: false });
rl.on('close', () => log('close'));
rl.on('line', (l) => log('line event ' + l));
(async () => {
  setTimeout(() => { log('typing Ada'); input.write('Ada\n'); }, 10);
  const name = await rl.question('name? ');
  log('answer ' + name + ' output=' + JSON.stringify(written));
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 20);
  try {
    await rl.question('age? ', { signal: ac.signal });
  } catch (e) {
    log('question rejected ' + e.name);
  }
  setTimeout(() => input.write('extra\n'), 20);
  await new Promise((r) => setTimeout(r, 40));
  log('output=' + JSON.stringify(written));
  rl.close();
  log('closed');
})();
