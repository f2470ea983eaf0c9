/**
 * `stream/consumers` (Node's lib/stream/consumers.js): read a whole stream or async iterable
 * as text, JSON, a Buffer, an ArrayBuffer or a Blob.
 */
import { real } from './host';

async function blob(stream: AsyncIterable<unknown>): Promise<Blob> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const { Blob: HostBlob } = real('buffer');
  return new HostBlob(chunks);
}

/**
 * Node reads the chunks into a Blob and asks it for its bytes; the sandbox's Blob is the host's,
 * whose `arrayBuffer()` settles on V8's own queue, so the bytes are joined here instead.
 */
async function arrayBuffer(stream: AsyncIterable<unknown>): Promise<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) {
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk as ArrayBuffer));
  }
  const joined = Buffer.concat(parts);
  // An ArrayBuffer of the program's realm (Buffer's memory is the host's).
  const out = new ArrayBuffer(joined.byteLength);
  new Uint8Array(out).set(joined);
  return out;
}

async function buffer(stream: AsyncIterable<unknown>): Promise<Buffer> {
  return Buffer.from(await arrayBuffer(stream));
}

async function text(stream: AsyncIterable<unknown>): Promise<string> {
  const dec = new TextDecoder();
  let str = '';
  for await (const chunk of stream) {
    if (typeof chunk === 'string') str += chunk;
    else str += dec.decode(chunk as Uint8Array, { stream: true });
  }
  // Flush the streaming TextDecoder so that any pending incomplete multibyte characters are handled.
  str += dec.decode(undefined, { stream: false });
  return str;
}

async function json(stream: AsyncIterable<unknown>): Promise<unknown> {
  const str = await text(stream);
  return JSON.parse(str);
}

export const consumers = { arrayBuffer, blob, buffer, text, json };
