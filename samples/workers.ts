// Threads that are event loops: a kitchen with two cooks, each a Worker thread on a core of its
// own. Inside each cook, the dishes are tasks: while one dish is in the oven (an await — the
// cook's own timer, on the cook's own event loop), the cook chops the next one (CPU work, on
// its core). Parallel across cooks, concurrent within each.
//
//   4 dishes per cook, 100 ms of chopping and 300 ms of oven each:
//   one after another, one cook:   8 × 400 ms = 3.20 s
//   two cooks, dishes in turn:     4 × 400 ms = 1.60 s
//   two cooks, async inside:       4 × 100 + 300 ms = 0.70 s   ← what this file runs
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setTimeout as inTheOven } from 'node:timers/promises';
import * as sim from 'async-timeline/sim';

const CHOP_MS = 100;
const OVEN_MS = 300;

interface Order {
  cook: string;
  dishes: string[];
}

// A dish: chopping holds the cook's core; the oven does not, so the cook can chop the next one.
async function cook(dish: string): Promise<string> {
  sim.cpu(CHOP_MS);
  await inTheOven(OVEN_MS);
  return `${dish} at ${Math.round(sim.now())} ms`;
}

if (isMainThread) {
  sim.configure({ cores: 2 });
  const orders: Order[] = [
    { cook: 'Ana', dishes: ['soup', 'bread', 'pie', 'stew'] },
    { cook: 'Ben', dishes: ['rice', 'fish', 'salad', 'tart'] },
  ];
  const start = sim.now();
  let done = 0;
  for (const order of orders) {
    // Each cook is a thread with its own event loop: the same file, told apart by isMainThread.
    const worker = new Worker(__filename, { workerData: order, name: `cook ${order.cook}` });
    worker.on('message', (served: string[]) => {
      console.log(`${order.cook} served ${served.join(', ')}`);
      if (++done === orders.length) console.log(`kitchen: ${orders.length} cooks, ${(sim.now() - start) / 1000} s`);
    });
  }
} else {
  const order = workerData as Order;
  // All the cook's dishes at once: concurrency inside the thread.
  Promise.all(order.dishes.map(cook)).then((served) => parentPort!.postMessage(served));
}
