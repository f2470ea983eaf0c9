/**
 * The names of Node's built-in modules that dist/nodelib.js provides inside the sandbox (without
 * `node:`). The engine routes `require(name)` of these there; index.ts makes them.
 */
export const NODE_LIB_MODULES: readonly string[] = [
  'events',
  'stream',
  'stream/promises',
  'stream/consumers',
  'fs',
  'child_process',
  'crypto',
  'zlib',
  'dns',
  'dns/promises',
  'fs/promises',
  'readline',
  'readline/promises',
  'http',
  'stream/web',
];

/**
 * The names `stream/web` exports that Node also makes globals (all but ReadableStreamTee): the
 * sandbox makes them from nodelib's `stream/web` on first access (engine/sandbox.ts).
 */
export const WEB_STREAM_GLOBALS: readonly string[] = [
  'ReadableStream',
  'ReadableStreamDefaultReader',
  'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest',
  'ReadableByteStreamController',
  'ReadableStreamDefaultController',
  'TransformStream',
  'TransformStreamDefaultController',
  'WritableStream',
  'WritableStreamDefaultWriter',
  'WritableStreamDefaultController',
  'ByteLengthQueuingStrategy',
  'CountQueuingStrategy',
  'TextEncoderStream',
  'TextDecoderStream',
  'CompressionStream',
  'DecompressionStream',
];
