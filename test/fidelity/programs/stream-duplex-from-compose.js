// Duplex.from(async generator function) as a transform and stream.compose of two stages:
// values written in come out transformed; the end propagates; finish/end order.
const { Duplex, compose, Readable } = require('stream');
const log = (s) => console.log(s);
const upper = Duplex.from(async function* (source) {
  for await (const chunk of source) yield String(chunk).toUpperCase();
});
upper.on('data', (c) => log('upper data ' + c));
upper.on('end', () => log('upper end'));
upper.on('finish', () => log('upper finish'));
upper.write('a');
upper.end('b');
setTimeout(async () => {
  const both = compose(
    async function* (source) { for await (const x of source) yield x + 1; },
    async function* (source) { for await (const x of source) yield x * 10; },
  );
  const out = await Readable.from([1, 2, 3]).pipe(both).toArray();
  log('composed ' + out.join(','));
}, 20);
