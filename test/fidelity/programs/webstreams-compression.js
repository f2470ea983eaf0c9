// CompressionStream / DecompressionStream round trips (gzip, deflate, deflate-raw) over the
// zlib threadpool: the bytes come back and each stream finishes.
const log = (s) => console.log(s);
async function roundTrip(format, text) {
  const input = new Blob([text]).stream();
  const compressed = input.pipeThrough(new CompressionStream(format));
  const chunks = [];
  for await (const c of compressed) chunks.push(c);
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  const back = new ReadableStream({
    start(c) { for (const ch of chunks) c.enqueue(ch); c.close(); },
  }).pipeThrough(new DecompressionStream(format)).pipeThrough(new TextDecoderStream());
  let out = '';
  for await (const s of back) out += s;
  log(format + ' compressed=' + (size > 0) + ' same=' + (out === text) + ' length=' + out.length);
}
(async () => {
  const text = 'hello web streams '.repeat(200);
  await roundTrip('gzip', text);
  await roundTrip('deflate', text);
  await roundTrip('deflate-raw', text);
  const bad = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4])); c.close(); } });
  try {
    for await (const _ of bad.pipeThrough(new DecompressionStream('gzip'))) log('unexpected chunk');
  } catch (e) {
    log('bad input: ' + e.code);
  }
  log('done');
})();
