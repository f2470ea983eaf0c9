/**
 * `process.stdin` in the simulation: a Readable on fd 0, as Node's stdin for a pipe or a file is
 * (reads of up to 64 KiB, paused until the program reads, 'end' at end of input), made on first
 * access (engine/sandbox-builtins.ts). Each read is done for real by the host — `fs.readSync(0, …)`,
 * which waits in real time for the next bytes of a pipe or for the line a person types — and
 * delivered in the poll phase at the model's cost for reading that many bytes, like a file read
 * (docs/io-model.md). A run without input (the VS Code panel, `stdin: 'none'`) reads end of input at once.
 *
 * Not Node's: `setRawMode` (a terminal's) and the TTY's line discipline; on a terminal the
 * simulation reads whole lines as the terminal hands them over, which is what a program reading
 * lines sees.
 */
import { host } from './host';
import { submit } from './libuv';
import { stream } from './stream';

const CHUNK = 64 * 1024;

/** A short real-time pause before trying a non-blocking fd 0 again (EAGAIN). */
function pause(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
}

/** One real read of fd 0: the bytes, or an empty buffer at end of input. */
function readSome(): Uint8Array {
  const fs = host.require('fs') as typeof import('node:fs');
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (;;) {
    try {
      const n = fs.readSync(0, buffer, 0, CHUNK, null);
      return buffer.subarray(0, n);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') {
        pause();
        continue;
      }
      if (code === 'EOF') return buffer.subarray(0, 0);
      throw e;
    }
  }
}

export function makeStdin(source: 'inherit' | 'none'): unknown {
  const { Readable } = stream as { Readable: new (options: object) => any };
  let ended = false;
  const stdin = new Readable({
    highWaterMark: CHUNK,
    read(this: any) {
      if (ended) return;
      submit<Uint8Array>(
        {
          label: 'stdin: read',
          work: () => (source === 'none' ? new Uint8Array(0) : readSome()),
          cost: (m, bytes) => m.bytes('fs.read', bytes?.length ?? 0),
          describe: (bytes) => (bytes.length === 0 ? 'end of input' : `${bytes.length} bytes`),
        },
        (err, bytes) => {
          if (err) {
            this.destroy(err);
            return;
          }
          if (bytes === undefined || bytes.length === 0) {
            ended = true;
            this.push(null);
          } else {
            this.push(Buffer.from(bytes));
          }
        },
      );
    },
  });
  stdin.fd = 0;
  // A pipe or a file: Node's process.stdin has no isTTY then; the simulation never imitates a terminal.
  stdin.isTTY = undefined;
  // net.Socket's (a pipe's stdin). Not Node's: a pending read keeps the run alive even after unref().
  stdin.ref = function ref() { return this; };
  stdin.unref = function unref() { return this; };
  return stdin;
}
