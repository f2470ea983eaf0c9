// ESM with top-level await on events.once and events.on: module evaluation suspends until the
// event; events emitted from timers; a nextTick vs microtask order at module top level.
import { EventEmitter, once, on } from 'node:events';
const log = (s) => console.log(s);
const e = new EventEmitter();
process.nextTick(() => log('top nextTick'));
Promise.resolve().then(() => log('top microtask'));
setTimeout(() => e.emit('start', 'go'), 10);
const [v] = await once(e, 'start');
log('started with ' + v);
setTimeout(() => { for (const n of [1, 2, 3]) e.emit('n', n); e.emit('stop'); }, 10);
e.once('stop', () => log('stop seen by a plain listener'));
let sum = 0;
for await (const [n] of on(e, 'n')) {
  sum += n;
  log('n ' + n);
  if (n === 3) break;
}
log('sum ' + sum + ' listeners n=' + e.listenerCount('n'));
