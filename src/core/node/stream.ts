/**
 * `stream`, `stream/promises`, `stream/consumers` in the sandbox: Node's own stream
 * implementation (the `readable-stream` package is lib/internal/streams of Node, published as a
 * package), evaluated inside the sandbox so its nextTicks and promises are the simulated loop's,
 * and instrumented like user code (Readable.from, pipeline's async stages, async iteration).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Stream = require('readable-stream/lib/stream.js');

export const stream = Stream;
export const streamPromises = Stream.promises;
