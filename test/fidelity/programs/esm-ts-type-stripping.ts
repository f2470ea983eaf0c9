// node: >=22
// Node 22.18+, 24 and 26 run a .ts file directly (type stripping) and, when it has import/export
// syntax and its package.json names no "type", as an ES module: promise jobs before nextTicks at
// its top level (Node 20 cannot run a .ts file; the simulator's Node 20 rule is CommonJS).
import { setTimeout as sleep } from 'node:timers/promises';
interface Step { name: string; after: number }
const steps: Step[] = [{ name: 'a', after: 30 }, { name: 'b', after: 10 }];
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('promise'));
const done: string[] = [];
void Promise.all(steps.map(async (s: Step) => {
  await sleep(s.after);
  done.push(s.name);
})).then(() => console.log('done', done.join(',')));
