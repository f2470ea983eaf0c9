// Chat server 5/5: async/await on the event loop. One thread; each client is a task that
// awaits its socket, so new clients get in while the others wait on I/O. Total ≈ the
// longest session, and a task costs a few hundred bytes instead of a thread's stack.
import net from 'node:net';
import * as sim from 'async-timeline/sim';
import { PORT, report, startClients, welcome } from './chat-common';

let tasks = 0;
let peakTasks = 0;

/** Resolves when the socket's send buffer has drained (back-pressure from a slow reader). */
function drained(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => socket.once('drain', resolve));
}

async function serve(socket: net.Socket, name: string): Promise<void> {
  tasks++;
  peakTasks = Math.max(peakTasks, tasks);
  if (!socket.write(welcome(name))) await drained(socket); // write() returned false: buffer full
  let pending = '';
  for await (const chunk of socket) {
    // suspends this task until data arrives; the loop serves the others meanwhile
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!socket.write(`you said: ${line}\n`)) await drained(socket);
    }
  }
  socket.end();
  tasks--;
}

const clients = startClients();
let next = 0;
const server = net.createServer((socket) => {
  serve(socket, clients.results[next++].name);
});
server.listen(PORT);

clients.done.then((results) => {
  server.close();
  report(results);
  const mem = sim.memory(peakTasks);
  console.log(`memory: 1 thread, ${peakTasks} tasks at the peak × ${sim.MEMORY_MODEL.taskBytes} B, ${sim.formatBytes(mem.usedBytes)} used`);
});
