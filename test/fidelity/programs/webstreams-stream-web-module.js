// require('stream/web') gives the globals themselves; ReadableStream.from over an async
// generator and an array; how Node prints a stream, a reader and a strategy.
const web = require('node:stream/web');
const log = (s) => console.log(s);
log('same ReadableStream ' + (web.ReadableStream === ReadableStream));
log('same WritableStream ' + (web.WritableStream === WritableStream));
log('same TransformStream ' + (web.TransformStream === TransformStream));
log('same TextDecoderStream ' + (require('stream/web').TextDecoderStream === TextDecoderStream));
const rs = new ReadableStream();
console.log(rs);
console.log(rs.getReader());
console.log(new CountQueuingStrategy({ highWaterMark: 4 }));
console.log(new WritableStream().getWriter().desiredSize);
(async () => {
  async function* gen() { yield 'g1'; await null; yield 'g2'; }
  for await (const v of ReadableStream.from(gen())) log('from gen ' + v);
  for await (const v of ReadableStream.from(['x', 'y'])) log('from array ' + v);
})();
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3')).then(() => log('p4'));
