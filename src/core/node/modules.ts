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
  'perf_hooks',
  'stream/web',
];

/**
 * `node:test` and `node:test/reporters`: Node's own test runner, for the Node lines whose
 * lib/internal/test_runner has been ported (src/core/node/testrunner). On another line the
 * engine refuses them (engine/not-simulated.ts).
 */
export const NODE_TEST_MODULES: readonly string[] = ['test', 'test/reporters'];
export const NODE_TEST_LINES: readonly number[] = [20, 22, 24, 26];

/**
 * The names `stream/web` exports that Node also makes globals (all but ReadableStreamTee): the
 * sandbox makes them from nodelib's `stream/web` on first access (engine/sandbox-builtins.ts).
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
