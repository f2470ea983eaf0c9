// Chat server 2/5: one thread per client. Everybody is served at once, each by its own
// blocking thread — but every thread costs a stack, so memory grows with the number of
// clients and this does not scale to thousands.
//
// (A socket cannot be handed to a node:worker_threads Worker; sim.thread is a plain OS
// thread sharing memory, as pthread_create, Java's new Thread or Python's threading.Thread.)
import net from 'node:net';
import * as sim from 'async-timeline/sim';
import { PORT, report, startClients, welcome } from './chat-common';

function serve(socket: net.Socket, name: string): void {
  sim.writeSync(socket, welcome(name)); // blocks only this client's thread
  let line: string | null;
  while ((line = sim.readLineSync(socket)) !== null) {
    sim.writeSync(socket, `you said: ${line}\n`);
  }
  sim.endSync(socket);
}

const clients = startClients();
const server = net.createServer().listen(PORT);
const threads = clients.results.map((client) => {
  const socket = sim.acceptSync(server)!;
  return sim.thread(() => serve(socket, client.name), `serves ${client.name}`); // a new thread per client
});
for (const t of threads) t.join(); // wait for every client's thread to end
server.close();

clients.done.then((results) => {
  report(results);
  const mem = sim.memory();
  const m = sim.MEMORY_MODEL;
  console.log(
    `memory: ${mem.peakThreads} threads × ${sim.formatBytes(m.threadStackReservedBytes)} stack reserved = ${sim.formatBytes(mem.reservedBytes)}, ` +
      `${sim.formatBytes(mem.usedBytes)} used`,
  );
  const perClient = m.threadStackCommittedBytes + m.threadOverheadBytes;
  console.log(
    `at 10,000 clients: ${sim.formatBytes(10_000 * m.threadStackReservedBytes)} reserved, ${sim.formatBytes(10_000 * perClient)} used — it does not scale`,
  );
});
