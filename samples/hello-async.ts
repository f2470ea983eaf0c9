// Hello World, concurrently: three count() coroutines gathered with Promise.all.
// Each sleeps 1 s without blocking, so while one waits the others run: 1.00 s in all.
import { setTimeout as sleep } from 'node:timers/promises';

async function count(): Promise<void> {
  console.log('One');
  await sleep(1000); // non-blocking: the task suspends, the event loop runs the others
  console.log('Two');
}

async function main(): Promise<void> {
  const start = performance.now();
  await Promise.all([count(), count(), count()]);
  const elapsed = (performance.now() - start) / 1000;
  console.log(`executed in ${elapsed.toFixed(2)} seconds.`);
}

main();
