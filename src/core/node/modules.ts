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
];
