// Node 22+ refuses this file before it runs (it strips types only, and this syntax needs a
// compiler): SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX], exit 1 — the simulator too
// (engine/strip-types.ts). On Node 20 it runs compiled.
// TypeScript: a generic objectMode Transform subclass and a Writable subclass with typed
// callbacks, run through stream/promises pipeline; order of transform/flush/write/final.
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const log = (s: string): void => console.log(s);

class MapStream<In, Out> extends Transform {
  private count = 0;
  constructor(private readonly fn: (x: In) => Out) {
    super({ objectMode: true });
  }
  override _transform(chunk: In, _enc: BufferEncoding, cb: TransformCallback): void {
    this.count++;
    log('map ' + String(chunk));
    cb(null, this.fn(chunk));
  }
  override _flush(cb: TransformCallback): void {
    log('flush after ' + this.count);
    cb();
  }
}

class Collect<T> extends Writable {
  readonly items: T[] = [];
  constructor() {
    super({ objectMode: true });
  }
  override _write(chunk: T, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    log('collect ' + JSON.stringify(chunk));
    this.items.push(chunk);
    queueMicrotask(() => cb());
  }
  override _final(cb: (error?: Error | null) => void): void {
    log('final with ' + this.items.length);
    cb();
  }
}

interface Item { id: number; name: string }

async function main(): Promise<void> {
  const sink = new Collect<Item>();
  await pipeline(
    Readable.from(['ada', 'bob']),
    new MapStream<string, Item>((name) => ({ id: name.length, name: name.toUpperCase() })),
    sink,
  );
  log('done ' + sink.items.map((i) => i.name).join('+'));
}

void main();
