import assert from 'node:assert/strict';
import { runSim } from './harness';

describe('runtime smoke', () => {
  it('runs an async function with awaits and timers', () => {
    const r = runSim(`
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      async function main() { console.log('a', Date.now() - START); await sleep(1000); console.log('b', Date.now() - START); return 5; }
      const START = Date.now();
      main().then((v) => console.log('done', v));
    `);
    assert.equal(r.stdout, 'a 0\nb 1000\ndone 5\n');
    assert.equal(r.code, 0);
  });
});
