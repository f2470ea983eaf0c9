// Top-level await across imported modules (the spec's async module evaluation): a sibling without
// await runs before an awaiting module settles, an importer of an awaiting module runs a tick after
// it, the entry last; promise jobs and nextTicks of every module interleave as in Node.
console.log('main start');
import { a } from './esm-tla-graph/a.mjs';
import { b } from './esm-tla-graph/b.mjs';
import { c } from './esm-tla-graph/c.mjs';
console.log('main body', a, b, c);
process.nextTick(() => console.log('main tick'));
Promise.resolve().then(() => console.log('main promise'));
