// TypeScript: ES import of node:timers/promises (compiled to CommonJS) with typed sleeps.
import { setTimeout as sleep, setImmediate as immediate } from 'node:timers/promises';
async function main(): Promise<void> {
  const start: number = performance.now();
  const [a, b] = await Promise.all([sleep(40, 'forty'), sleep(20, 'twenty')]);
  console.log(a, b);
  const c: string = await immediate('imm');
  console.log(c);
  const elapsed = performance.now() - start;
  console.log(`elapsed >= 38: ${elapsed >= 38}`);
}
main();
