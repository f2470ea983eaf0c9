// stream/consumers text() and json() of Readables (multi-chunk, a UTF-8 character split over
// chunks), and when they resolve relative to the stream's 'end'/'close' and microtasks.
const { text, json } = require('stream/consumers');
const { Readable } = require('stream');
const log = (s) => console.log(s);
(async () => {
  const euro = Buffer.from('€');
  const r = Readable.from([Buffer.from('a'), euro.subarray(0, 2), euro.subarray(2), Buffer.from('b')]);
  r.on('end', () => log('end'));
  r.on('close', () => log('close'));
  const p = text(r);
  Promise.resolve().then(() => log('microtask after text()'));
  log('text ' + (await p));
  const obj = await json(Readable.from(['{"a":', '[1,2]', ',"b":"x"}']));
  log('json ' + JSON.stringify(obj));
  try {
    await json(Readable.from(['{bad']));
  } catch (e) {
    log('json error ' + e.name);
  }
  const failing = new Readable({ read() { this.destroy(new Error('read failed')); } });
  try {
    await text(failing);
  } catch (e) {
    log('text error ' + e.message);
  }
})();
