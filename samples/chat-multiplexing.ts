// Chat server 4/5: multiplexing. One thread asks the system which sockets are ready
// (select) and only then reads or writes, so nobody waits for a slow typist. It must also
// ask which sockets are writable: a write to a slow reader blocks once its send buffer is
// full, so we keep what did not fit in an outbox and send it when the socket is writable.
import net from 'node:net';
import * as sim from 'async-timeline/sim';
import { PORT, report, startClients, welcome } from './chat-common';

interface Client {
  name: string;
  socket: net.Socket;
  /** Received text not yet forming a whole line. */
  inbox: string;
  /** Text to send that did not fit in the send buffer yet. */
  outbox: string;
  closing: boolean;
}

const clients = startClients();
const server = net.createServer().listen(PORT);
const open = new Map<net.Socket, Client>();
let accepted = 0;

while (accepted < clients.results.length || open.size > 0) {
  const sockets = [...open.keys()];
  const wantRead: Array<net.Server | net.Socket> = accepted < clients.results.length ? [server, ...sockets] : sockets;
  const wantWrite = sockets.filter((s) => open.get(s)!.outbox.length > 0);
  const { readable, writable } = sim.select(wantRead, wantWrite); // blocks until something is ready

  for (const s of readable) {
    if (s === server) {
      const socket = sim.acceptSync(server)!; // ready: does not block
      const name = clients.results[accepted++].name;
      open.set(socket, { name, socket, inbox: '', outbox: welcome(name), closing: false });
      continue;
    }
    const c = open.get(s as net.Socket)!;
    const data = sim.readSync(c.socket); // ready: does not block
    if (data === null) {
      c.closing = true; // the client said goodbye; close once its outbox is sent
    } else {
      c.inbox += data;
      let nl: number;
      while ((nl = c.inbox.indexOf('\n')) >= 0) {
        c.outbox += `you said: ${c.inbox.slice(0, nl)}\n`;
        c.inbox = c.inbox.slice(nl + 1);
      }
    }
  }
  for (const s of writable) {
    const c = open.get(s as net.Socket)!;
    c.outbox = c.outbox.slice(sim.writeSome(c.socket, c.outbox)); // takes only what fits
  }
  for (const c of open.values()) {
    if (c.closing && c.outbox.length === 0) {
      sim.endSync(c.socket);
      open.delete(c.socket);
    }
  }
}
server.close();
clients.done.then(report);
