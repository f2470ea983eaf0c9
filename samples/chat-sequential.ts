// Chat server 1/5: sequential. One client occupies the server from its first byte to its
// last; the others wait in the listen backlog. Total ≈ the sum of all sessions.
import net from 'node:net';
import * as sim from 'async-timeline/sim';
import { PORT, report, startClients, welcome } from './chat-common';

function serve(socket: net.Socket, name: string): void {
  sim.writeSync(socket, welcome(name)); // blocks while a slow reader's buffer is full
  let line: string | null;
  while ((line = sim.readLineSync(socket)) !== null) {
    // readLineSync blocks the only thread until the client has typed its line
    sim.writeSync(socket, `you said: ${line}\n`);
  }
  sim.endSync(socket);
}

const clients = startClients();
// No 'connection' listener: connections wait in the backlog until we accept them.
const server = net.createServer().listen(PORT);
for (let i = 0; i < clients.results.length; i++) {
  const socket = sim.acceptSync(server)!; // blocks until somebody connects
  serve(socket, clients.results[i].name); // nobody else is served meanwhile
}
server.close();
clients.done.then(report);
