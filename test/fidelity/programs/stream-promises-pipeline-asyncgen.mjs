// stream/promises pipeline (ESM) with a Readable.from source, two async-generator stages and
// an async-generator sink: per-item interleaving of the stages and when the promise settles.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
const log = (s) => console.log(s);
const src = Readable.from([1, 2, 3]);
src.on('end', () => log('src end'));
src.on('close', () => log('src close'));
const result = await pipeline(
  src,
  async function* double(source) {
    for await (const x of source) { log('double ' + x); yield x * 2; }
    log('double done');
  },
  async function* (source) {
    for await (const x of source) { log('plus ' + x); yield x + 1; await null; }
    log('plus done');
  },
  async function (source) {
    const got = [];
    for await (const x of source) { log('sink ' + x); got.push(x); }
    log('sink done');
    return got.join(',');
  },
);
log('pipeline resolved ' + result);
process.nextTick(() => log('nextTick'));
