// libuv's threadpool: the event loop hands work it cannot do without blocking — hashing a
// password, reading a file, compressing — to a small pool of threads, and carries on with other
// callbacks until the result comes back. Eight users log in at once; each login hashes a
// password (pbkdf2, ~53 ms of CPU; hashes started together finish a little apart, as on real
// threads). The pool has 4 threads (libuv's default), so the hashes run
// in two rounds of four, while the event loop stays free (the heartbeat keeps beating).
//
//   UV_THREADPOOL_SIZE=4, 4 cores:  two rounds  (112 ms)   ← what this file runs
//   UV_THREADPOOL_SIZE=8, 8 cores:  one round   (57 ms)
//   UV_THREADPOOL_SIZE=8, 4 cores:  still two rounds: eight threads, but only four cores to run them
//
// Change the two lines below and run it again. (libuv reads UV_THREADPOOL_SIZE when the pool is
// first used, so setting it at the top of the program works — in Node too.)
import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import * as sim from 'async-timeline/sim';

process.env.UV_THREADPOOL_SIZE = '4';
sim.configure({ cores: 4 });

const hash = promisify(pbkdf2);
const users = ['ada', 'bob', 'cyd', 'dee', 'eve', 'fay', 'gus', 'hal'];

async function login(user: string): Promise<void> {
  await hash(`${user}'s password`, 'salt', 100_000, 64, 'sha512');
  console.log(`${user} logged in at ${Math.round(performance.now())} ms`);
}

async function main(): Promise<void> {
  let beats = 0;
  const heartbeat = setInterval(() => beats++, 10);
  const start = performance.now();
  await Promise.all(users.map(login));
  clearInterval(heartbeat);
  const ms = performance.now() - start;
  console.log(`${users.length} logins in ${Math.round(ms)} ms on ${process.env.UV_THREADPOOL_SIZE} pool threads and ${sim.cores()} cores`);
  console.log(`meanwhile the event loop ran ${beats} heartbeats: it was never blocked`);
}

main();
