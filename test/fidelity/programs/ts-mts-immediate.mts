// TypeScript ES module (.mts) importing timers/promises; TLA inside a loop, then scheduling
// from a TLA continuation that resumed in the timers phase.
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';
const order: string[] = [];
for (const name of ['first', 'second', 'third'] as const) {
  order.push(await immediate(name));
}
console.log(order.join(' '));
await sleep(5);
setTimeout(() => console.log('timeout 0'), 0);
setImmediate(() => console.log('immediate (before timeout 0: we resumed in the timers phase)'));
await sleep(20);
console.log('end');
