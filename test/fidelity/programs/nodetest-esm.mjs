// node: 20,22,24,26
// fidelity: normalize test durations
// node:test from an ES module: the default export and named exports, top-level await between
// tests.
import test, { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

test('first', async () => {
  await sleep(5);
  console.log('first done');
});
await sleep(1);
console.log('after top-level await');
describe('suite', () => {
  it('a', () => console.log('a'));
  it('b', async () => {
    await sleep(2);
    console.log('b');
  });
});
