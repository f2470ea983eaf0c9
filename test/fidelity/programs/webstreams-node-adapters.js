// Node streams and web streams, both ways: Readable.toWeb / fromWeb, Writable.toWeb / fromWeb,
// Duplex.toWeb, and stream/consumers reading a web ReadableStream — with the order of the
// data, end and close events against the program's promises.
const { Readable, Writable, Duplex, PassThrough } = require('stream');
const consumers = require('stream/consumers');
const log = (s) => console.log(s);
(async () => {
  const web = Readable.toWeb(Readable.from(['a', 'b', 'c'], { objectMode: true }));
  for await (const v of web) log('toWeb ' + v);

  let i = 0;
  const node = Readable.fromWeb(new ReadableStream({ pull(c) { if (i < 3) c.enqueue('w' + i++); else c.close(); } }), { objectMode: true });
  node.on('end', () => log('fromWeb end'));
  node.on('close', () => log('fromWeb close'));
  for await (const v of node) log('fromWeb ' + v);

  const seen = [];
  const ws = Writable.toWeb(new Writable({ write(ch, enc, cb) { seen.push(String(ch)); cb(); } }));
  const w = ws.getWriter();
  await w.write('x');
  await w.write('y');
  await w.close();
  log('Writable.toWeb wrote ' + seen.join(''));

  const sinkSeen = [];
  const nodeW = Writable.fromWeb(new WritableStream({ write(ch) { sinkSeen.push(ch); } }), { objectMode: true });
  nodeW.on('finish', () => log('fromWeb finish ' + sinkSeen.join('')));
  nodeW.on('close', () => log('fromWeb writable close'));
  nodeW.write('1');
  nodeW.end('2');
  await new Promise((r) => nodeW.on('close', r));

  const { readable, writable } = Duplex.toWeb(new PassThrough());
  const dw = writable.getWriter();
  dw.write(new TextEncoder().encode('dup'));
  dw.close();
  log('Duplex.toWeb ' + (await consumers.text(readable)));

  let k = 0;
  const src = new ReadableStream({ pull(c) { if (k < 2) c.enqueue(new TextEncoder().encode('t' + k++)); else c.close(); } });
  log('consumers.text ' + (await consumers.text(src)));
  log('consumers.json ' + JSON.stringify(await consumers.json(new Blob(['{"a":1}']).stream())));
  log('consumers.arrayBuffer ' + (await consumers.arrayBuffer(new Blob(['abcd']).stream())).byteLength);
  log('done');
})();
let n = 0;
const spin = () => { if (n++ < 15) { log('spin ' + n); return Promise.resolve().then(spin); } };
spin();
