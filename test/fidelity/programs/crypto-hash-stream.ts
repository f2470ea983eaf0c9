// TypeScript: a crypto Hash used as a stream, fed by fs.createReadStream through
// stream/promises pipeline; compared with createHash over the whole buffer; hash.copy() of a
// partial state; a Hash cannot be updated after digest() (ERR_CRYPTO_HASH_FINALIZED).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'data.bin');
const content = Buffer.alloc(300_000);
for (let i = 0; i < content.length; i++) content[i] = (i * 7) % 251;
fs.writeFileSync(file, content);

async function main(): Promise<void> {
  const hash = crypto.createHash('sha256');
  hash.setEncoding('hex');
  await pipeline(fs.createReadStream(file, { highWaterMark: 50_000 }), hash);
  const streamed = hash.read() as string;
  const direct = crypto.createHash('sha256').update(content).digest('hex');
  console.log('streamed digest:', streamed.slice(0, 24), 'equal:', streamed === direct);
  const partial = crypto.createHash('md5').update('abc');
  const copy = partial.copy();
  console.log('copy digest:', copy.update('def').digest('hex'), 'original:', partial.digest('hex'));
  try {
    partial.update('more');
  } catch (e: unknown) {
    if (e instanceof Error) console.log('update after digest:', (e as NodeJS.ErrnoException).code);
  }
}
void main();
export {};
