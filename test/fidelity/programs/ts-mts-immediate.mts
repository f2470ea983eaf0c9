// TypeScript ES module (.mts) importing timers/promises; TLA inside a loop, then scheduling
// from a TLA continuation.
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';
const order: string[] = [];
for (const name of ['first', 'second', 'third'] as const) {
  order.push(await immediate(name));
}
console.log(order.join(' '));
await sleep(5);
setTimeout(() => console.log('timeout 50'), 50);
setImmediate(() => console.log('immediate'));
queueMicrotask(() => console.log('microtask'));
await sleep(100);
console.log('end');
