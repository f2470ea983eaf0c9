// stream/consumers buffer(), arrayBuffer() and blob() of Readables (strings and Buffers mixed),
// and text() of an async generator; typed with node: imports.
import { buffer, arrayBuffer, blob, text } from 'node:stream/consumers';
import { Readable } from 'node:stream';
export {};

const log = (s: string): void => console.log(s);

async function* words(): AsyncGenerator<string> {
  for (const w of ['from', ' a ', 'generator']) {
    await null;
    yield w;
  }
}

async function main(): Promise<void> {
  const buf = await buffer(Readable.from([Buffer.from('he'), Buffer.from('llo')]));
  log('buffer ' + Buffer.isBuffer(buf) + ' ' + buf.toString('hex'));
  const ab = await arrayBuffer(Readable.from([Buffer.from([1, 2, 3])]));
  log('arrayBuffer ' + (ab instanceof ArrayBuffer) + ' byteLength=' + ab.byteLength + ' ' + [...new Uint8Array(ab)].join(','));
  const b = await blob(Readable.from([Buffer.from('blob!')]));
  log('blob size=' + b.size + ' text=' + (await b.text()));
  log('text of generator: ' + (await text(words())));
}

main().then(() => log('done'));
