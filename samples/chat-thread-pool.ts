// Chat server 3/5: a thread pool. Memory is bounded (two threads, whatever the number of
// clients) — but a slow client holds a pool thread for its whole session, and when every
// thread is held, new clients cannot get in: they starve (see their waiting times).
import net from 'node:net';
import * as sim from 'async-timeline/sim';
import { PORT, report, startClients, welcome } from './chat-common';

const POOL_SIZE = 2;

function serve(socket: net.Socket, name: string): void {
  sim.writeSync(socket, welcome(name));
  let line: string | null;
  while ((line = sim.readLineSync(socket)) !== null) {
    sim.writeSync(socket, `you said: ${line}\n`); // a slow typist keeps this pool thread busy
  }
  sim.endSync(socket);
}

const clients = startClients();
const pool = sim.threadPool(POOL_SIZE, 'chat pool');
let next = 0;
// The main thread only accepts; each connection becomes a job for the pool.
const server = net.createServer((socket) => {
  const name = clients.results[next++].name;
  pool.submit(() => serve(socket, name)); // waits in the pool's queue while both threads are busy
});
server.listen(PORT);

clients.done.then((results) => {
  pool.close(); // the threads end once the queue is empty
  server.close();
  report(results);
  const mem = sim.memory();
  console.log(`memory: ${mem.peakThreads} threads (pool of ${POOL_SIZE} + main), ${sim.formatBytes(mem.usedBytes)} used — bounded`);
});
