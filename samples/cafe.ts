// The café: 20 customers. Placing an order takes T at a counter; preparing it takes T in the
// kitchen, and the counter is free meanwhile — unless it has nothing else to do but wait.
// Counters are threads, each on its own core. Queues are tasks: work a counter can switch to
// while another order is being prepared.
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
import * as sim from 'async-timeline/sim';

const T = 100; // one unit of virtual time, in ms
const CUSTOMERS = 20;

interface SetUp {
  name: string;
  counters: number;
  /** Queues per counter. */
  queues: number;
}

const setUps: SetUp[] = [
  { name: '1 counter,  1 queue  (sequential)', counters: 1, queues: 1 },
  { name: '1 counter,  2 queues (concurrent)', counters: 1, queues: 2 },
  { name: '2 counters, 2 queues (parallel)', counters: 2, queues: 1 },
  { name: '2 counters, 4 queues (parallel and concurrent)', counters: 2, queues: 2 },
];

// One counter serving its queues in turn, one customer at a time.
function serve(queues: number, customers: number): void {
  const orderReadyAt: number[] = new Array(queues).fill(0);
  for (let served = 0; served < customers; served++) {
    const queue = served % queues;
    // Back at a queue whose last order is still in the kitchen: nothing else to do but wait.
    // With one queue this happens every time (blocking); with two, never (the other queue
    // kept the counter busy exactly as long as the kitchen needed).
    const wait = orderReadyAt[queue] - sim.now();
    if (wait > 0) sim.sleepSync(wait);
    sim.cpu(T); // taking the order keeps the counter (a core) busy for T
    orderReadyAt[queue] = sim.now() + T; // the kitchen prepares it meanwhile
  }
  // A counter with a single queue stands by each customer until the order is ready — the last
  // one too. (With two queues the counter is free: the last order reaches its customer later.)
  if (queues === 1) sim.sleepSync(T);
}

function main(): void {
  sim.configure({ cores: 2 });
  for (const [n, setUp] of setUps.entries()) {
    const start = sim.now();
    // Each counter is a thread; the main thread opens the café and waits for them to finish.
    const counters = Array.from({ length: setUp.counters }, (_, i) =>
      sim.thread(() => serve(setUp.queues, CUSTOMERS / setUp.counters), `set-up ${n + 1}: counter ${i + 1}`),
    );
    for (const counter of counters) counter.join();
    const total = (sim.now() - start) / T;
    console.log(`${setUp.name.padEnd(47)} ${total}T`);
  }
}

main();
