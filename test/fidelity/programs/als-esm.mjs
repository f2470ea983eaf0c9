// ESM: node:async_hooks by import, the store across top-level await and timers.
import { AsyncLocalStorage, executionAsyncId } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
const als = new AsyncLocalStorage();
console.log('top exec', executionAsyncId());
await als.run('esm', async () => {
  await sleep(1);
  console.log('after sleep', als.getStore());
  setImmediate(() => console.log('immediate', als.getStore()));
});
console.log('after top-level await', als.getStore());
