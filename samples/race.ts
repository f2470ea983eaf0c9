// A race: two transfers from one account, each checking the balance, waiting for the "database",
// then writing what it read (check-then-act). Under the default schedule the second transfer
// reads only after the first has written (their timers are due at the same millisecond, and the
// older one fires first), so the total stays 150. Were the first write a little slower — real
// Node's timers fire late under load, and `node race.ts` does print 180 now and then — both
// would read 100 and one withdrawal would be lost: money appears.
import { setTimeout as sleep } from 'node:timers/promises';

const accounts = new Map<string, number>([['alice', 100], ['bob', 50]]);

async function transfer(from: string, to: string, amount: number, validationMs: number, writeMs: number): Promise<void> {
  await sleep(validationMs); // validate the request (takes a while)
  const balance = accounts.get(from)!; // check…
  if (balance < amount) throw new Error(`${from} cannot pay ${amount}`);
  await sleep(writeMs); // …the database write takes a while…
  accounts.set(from, balance - amount); // …act, on the balance read before the await
  accounts.set(to, accounts.get(to)! + amount);
  console.log(`${from} → ${to}: ${amount}`);
}

async function main(): Promise<void> {
  await sleep(10); // let the program finish starting (real Node's first timers fire late)
  const first = transfer('alice', 'bob', 30, 1, 3); // reads at 11 ms, writes at 14 ms
  await sleep(2);
  const second = transfer('alice', 'bob', 20, 2, 1); // reads at 14 ms, just after the first write
  await Promise.all([first, second]);
  const alice = accounts.get('alice')!;
  const bob = accounts.get('bob')!;
  console.log(`alice ${alice}, bob ${bob}, total ${alice + bob}`);
}

main();
