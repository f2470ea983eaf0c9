// Fetching 20 resources, at most 4 at a time. A small API server runs in this same program and
// answers /items/:id after a delay that depends on the id (0.5 to 1.4 s). The client starts
// 4 workers; each takes the next id from a shared queue, awaits its fetch, and comes back for
// another — so a worker that drew quick items fetches more of them.
//
// What to look for on the timeline:
//   - the lanes worker #1 … #4: never more than 4 requests in flight. Each worker's lane is a row
//     of awaits, one fetch after another, and the four rows overlap;
//   - a worker picking up the next id the moment its response arrives: the next await on its
//     lane starts where the last one ended, while the other workers are still waiting;
//   - results arriving out of order (the console): item 3 (500 ms) first, then 1, 4, and 2.
// One at a time, the 20 requests would take the sum of their delays (18.8 s); 4 at a time, 5.4 s.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const ITEMS = 20;
const CONCURRENCY = 4;

/**
 * The server's response time for an item: varied, and the same on every run. (Chosen so that no
 * two responses are due within 200 ms of each other: real Node, whose timers fire a little late
 * on a busy machine, then prints the same order every time.)
 */
const delayOf = (id: number): number => [1400, 700, 1200, 500, 900][id % 5];

// The API: GET /items/:id answers `{ id, name, ms }` as JSON after the item's delay (think of a
// slow database: the server waits on a timer, it does not block); GET /health answers at once.
const server = createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  const id = Number(req.url?.split('/').pop());
  setTimeout(() => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ id, name: `item ${id}`, ms: delayOf(id) }));
  }, delayOf(id));
});

interface Item {
  id: number;
  name: string;
  ms: number;
}

async function main(): Promise<void> {
  server.listen(0, '127.0.0.1'); // port 0: any free port
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  // First check that the API is up (this also gets fetch itself loaded and ready).
  console.log(`health: ${await (await fetch(`${baseUrl}/health`)).text()}`);

  const queue = Array.from({ length: ITEMS }, (_, i) => i + 1); // the ids still to fetch
  const fetchedBy = new Map<number, number[]>(); // worker → the ids it fetched
  let inFlight = 0;
  let maxInFlight = 0;

  // One worker: take the next id, fetch it, repeat until the queue is empty. Taking an id
  // (queue.shift) happens between awaits, so two workers never take the same one.
  async function worker(w: number): Promise<void> {
    fetchedBy.set(w, []);
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const url = `${baseUrl}/items/${id}`;
      const res = await fetch(url); // suspends this worker only: the others run meanwhile
      const item = (await res.json()) as Item; // the body comes after the headers: await again
      inFlight--;
      fetchedBy.get(w)!.push(item.id);
      const next = queue.length ? `next: /items/${queue[0]}` : 'queue empty';
      console.log(`worker ${w} got ${item.name.padEnd(7)} ${`(${item.ms} ms)`.padEnd(9)}  ${inFlight} still in flight, ${next}`);
    }
  }

  // Each call runs until its first await and returns a promise: all 4 are under way at once.
  const workers = Array.from({ length: CONCURRENCY }, (_, i) => worker(i + 1));
  console.log(`${CONCURRENCY} workers started, ${inFlight} requests in flight`);
  await Promise.all(workers);

  console.log(`\n${ITEMS} items fetched, never more than ${maxInFlight} requests in flight`);
  for (const [w, ids] of fetchedBy) console.log(`  worker ${w} fetched ${ids.length}: ${ids.join(', ')}`);
  const serial = Array.from({ length: ITEMS }, (_, i) => delayOf(i + 1)).reduce((a, b) => a + b, 0);
  console.log(`one at a time, the server's delays alone would add up to ${(serial / 1000).toFixed(1)} s`);

  server.close(); // the last handle: the run ends by itself
}

main();
