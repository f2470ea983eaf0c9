// TextEncoderStream and TextDecoderStream: multibyte characters split across chunks, the
// decoder's flush, and when each decoded chunk arrives against a promise chain.
const log = (s) => console.log(s);
(async () => {
  const bytes = new TextEncoder().encode('héllo wörld €uro 😀!');
  const parts = [bytes.slice(0, 2), bytes.slice(2, 9), bytes.slice(9, 17), bytes.slice(17, 22), bytes.slice(22)];
  let i = 0;
  const rs = new ReadableStream({ pull(c) { if (i < parts.length) c.enqueue(parts[i++]); else c.close(); } });
  for await (const s of rs.pipeThrough(new TextDecoderStream())) log('text ' + JSON.stringify(s));
  const dec = new TextDecoderStream('utf-8', { fatal: false });
  log('decoder ' + dec.encoding + ' fatal=' + dec.fatal);
  const enc = new TextEncoderStream();
  const w = enc.writable.getWriter();
  w.write('a€');
  w.write('\ud83d');
  w.write('\ude00z');
  w.close();
  for await (const b of enc.readable) log('bytes ' + Array.from(b).join(','));
  log('done');
})();
let k = 0;
const spin = () => { if (k++ < 8) { log('spin ' + k); return Promise.resolve().then(spin); } };
spin();
