// Fetching 20 resources, at most 4 at a time. A small API server runs in this same program and
// answers /items/:id after a delay that depends on the id (250 to 700 ms). The client
// starts 4 workers; each takes the next id from a shared queue, awaits its fetch, and comes back
// for another — so a worker that drew quick items fetches more of them.
//
// What to look for on the timeline:
//   - never more than 4 requests in flight: 4 start at once, and each later one starts only when
//     an earlier one has finished;
//   - a worker picking up the next id the moment its response arrives (its lane goes quiet while
//     it waits, and the event loop runs the others meanwhile);
//   - results arriving out of order: item 3 (250 ms) first, item 1 (350 ms) next, item 2 last
//     of the first four.
// One at a time the 20 requests would take the sum of their delays (9.4 s); 4 at a time, about 2.7 s.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const ITEMS = 20;
const CONCURRENCY = 4;

/** The server's response time for an item: varied, and the same on every run (they are at least
 * 100 ms apart so that real Node, whose timers can fire a little late, finishes them in the same
 * order every time). */
const delayOf = (id: number): number => [700, 350, 600, 250, 450][id % 5];

// The API: GET /items/:id answers `{ id, name, ms }` as JSON after the item's delay;
// GET /health answers at once.
const server = createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  const id = Number(req.url?.split('/').pop());
  await sleep(delayOf(id)); // a slow database, say: the server waits without blocking
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ id, name: `item ${id}`, ms: delayOf(id) }));
});

interface Item {
  id: number;
  name: string;
  ms: number;
}

async function main(baseUrl: string): Promise<void> {
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
      const res = await fetch(`${baseUrl}/items/${id}`); // suspends this worker only
      const item = (await res.json()) as Item; // the body arrives after the headers: await again
      inFlight--;
      fetchedBy.get(w)!.push(item.id);
      const next = queue.length ? `next: /items/${queue[0]}` : 'queue empty';
      console.log(`worker ${w} got ${item.name.padEnd(7)} (${item.ms} ms)  ${inFlight} still in flight, ${next}`);
    }
  }

  const workers = Array.from({ length: CONCURRENCY }, (_, i) => worker(i + 1));
  console.log(`${CONCURRENCY} workers started, ${inFlight} requests in flight`);
  await Promise.all(workers);

  console.log(`\n${ITEMS} items fetched, never more than ${maxInFlight} requests in flight`);
  for (const [w, ids] of fetchedBy) console.log(`  worker ${w} fetched ${ids.length}: ${ids.join(', ')}`);
  const serial = Array.from({ length: ITEMS }, (_, i) => delayOf(i + 1)).reduce((a, b) => a + b, 0);
  console.log(`one at a time, the server's delays alone would add up to ${(serial / 1000).toFixed(1)} s`);
}

// listen(0): any free port. The run ends by itself once the server is closed.
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  await main(`http://127.0.0.1:${port}`);
  server.close();
});
