// What the five chat servers share: the people who connect (scripted clients) and how the
// result is printed. The clients are the same for every version, so the totals compare.
//
// Six people connect 10 ms apart. Each waits for the server's welcome (which carries the
// recent chat history, 2 KB), then says three lines, each after thinking: Ann and Bob type
// slowly (1 s per line), the others fast (100 ms). Fay reads slowly (2 bytes/ms), so the
// server's welcome to her fills the send buffer: writes to her must wait (back-pressure).
import * as sim from 'async-timeline/sim';
import type { ClientResult } from 'async-timeline/sim';

export const PORT = 7000;
const NAMES = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay'];

export function startClients() {
  // A small send buffer and window (1 KB) so that back-pressure shows with small messages.
  sim.configure({ latencyMs: 1, highWaterMark: 1024, recvWindowBytes: 1024 });
  return sim.clients({
    port: PORT,
    count: NAMES.length,
    name: (i) => NAMES[i],
    arriveAt: (i) => i * 10,
    waitForGreeting: true,
    messages: ['hi!', 'how is everybody?', 'bye'],
    thinkMs: (i) => (i < 2 ? 1000 : 100),
    readBytesPerMs: (i) => (NAMES[i] === 'fay' ? 2 : Infinity),
  });
}

/** The welcome line: the chat history, then a greeting (one line, ~2 KB). */
export function welcome(name: string): string {
  const history = Array.from({ length: 20 }, (_, i) => `<msg ${i}: ${'·'.repeat(40)}>`).join(' ');
  return `${history} welcome, ${name}!\n`;
}

/** One line per client (how long it waited to be served, how long its session took) and the total. */
export function report(results: ClientResult[]): void {
  for (const r of results) {
    console.log(`${r.name.padEnd(4)} waited ${ms(r.waitedMs).padStart(7)}   session ${ms(r.sessionMs).padStart(7)}`);
  }
  const end = Math.max(...results.map((r) => r.closedAt ?? NaN));
  const start = Math.min(...results.map((r) => r.arrivedAt));
  console.log(`total: ${ms(end - start)}`);
}

export function ms(n: number): string {
  return Number.isFinite(n) ? `${Math.round(n)} ms` : 'never';
}
