// The café: 20 customers. Placing an order takes T at a counter; preparing it takes T in the
// kitchen, and the counter is free meanwhile — unless it stands there waiting for the order.
// Counters are threads (each on its own core), queues are tasks (async functions).
//
//   1 counter,  1 queue : the counter waits for each order            → 20 × 2T = 40T
//   1 counter,  2 queues: while one order is prepared, it serves the
//                         other queue (concurrency)                    → 20 × T  = 20T
//   2 counters, 2 queues: each counter serves its queue and waits
//                         (parallelism)                                → 10 × 2T = 20T
//   2 counters, 4 queues: parallel and concurrent                      → 10 × T  = 10T
//
// The total is the time until the counters are free. In the concurrent set-ups the very last
// order is still in the kitchen for one more T: the timeline shows it.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setTimeout as prepare } from 'node:timers/promises';
import * as sim from 'async-timeline/sim';

const T = 100; // one unit of virtual time, in ms
const CUSTOMERS = 20;

interface Counter {
  queues: number;
  customers: number;
  /** Does the counter wait (blocking) while the order is prepared? */
  waits: boolean;
}

interface SetUp extends Counter {
  name: string;
  counters: number;
}

const setUps: Array<Omit<SetUp, 'customers'>> = [
  { name: '1 counter,  1 queue  (sequential)', counters: 1, queues: 1, waits: true },
  { name: '1 counter,  2 queues (concurrent)', counters: 1, queues: 2, waits: false },
  { name: '2 counters, 2 queues (parallel)', counters: 2, queues: 1, waits: true },
  { name: '2 counters, 4 queues (parallel and concurrent)', counters: 2, queues: 2, waits: false },
];

// One counter: a thread serving its queues. Returns when the counter was last busy.
async function runCounter({ queues, customers, waits }: Counter): Promise<number> {
  let freeAt = sim.now();
  async function serveQueue(people: number): Promise<void> {
    for (let i = 0; i < people; i++) {
      sim.cpu(T); // taking the order keeps the counter (a core) busy for T
      if (waits) sim.sleepSync(T); // the counter stands and waits: blocking, nothing else happens here
      freeAt = Math.max(freeAt, sim.now()); // the counter is free from now on
      if (!waits) await prepare(T); // the kitchen prepares; this task waits, the counter serves another queue
    }
  }
  const perQueue = customers / queues;
  await Promise.all(Array.from({ length: queues }, () => serveQueue(perQueue)));
  return freeAt;
}

// Each counter runs in its own thread; the main thread only opens and closes the café.
function openCounter(counter: Counter): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: counter });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  sim.configure({ cores: 2 });
  for (const setUp of setUps) {
    const start = sim.now();
    const counter: Counter = { queues: setUp.queues, customers: CUSTOMERS / setUp.counters, waits: setUp.waits };
    const freeAt = await Promise.all(Array.from({ length: setUp.counters }, () => openCounter(counter)));
    const total = (Math.max(...freeAt) - start) / T;
    console.log(`${setUp.name.padEnd(47)} ${total}T`);
  }
}

if (isMainThread) {
  main();
} else {
  runCounter(workerData as Counter).then((freeAt) => parentPort!.postMessage(freeAt));
}
