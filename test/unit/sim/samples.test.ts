import assert from 'node:assert/strict';
import { runSample } from './run-sample';

describe('sim samples (direct harness)', () => {
  it('cafe.ts prints the four totals 40T, 20T, 20T, 10T', () => {
    const r = runSample('samples/cafe.ts');
    assert.equal(r.stopped, undefined, r.output);
    const totals = r.output.trim().split('\n').map((l) => l.split(/\s+/).pop());
    assert.deepEqual(totals, ['40T', '20T', '20T', '10T'], r.output);
  });
});

describe('chat samples (direct harness)', () => {
  const run = (f: string) => {
    const r = runSample(f);
    assert.equal(r.stopped, undefined, r.output);
    const waits = [...r.output.matchAll(/^(\w+)\s+waited\s+(\d+) ms\s+session\s+(\d+) ms$/gm)].map((m) => ({ name: m[1], waited: +m[2], session: +m[3] }));
    const total = Number(/^total: (\d+) ms$/m.exec(r.output)?.[1]);
    assert.equal(waits.length, 6, r.output);
    return { r, waits, total };
  };

  it('sequential: each client waits for the ones before; total ≈ sum of sessions', () => {
    const { waits, total } = run('samples/chat-sequential.ts');
    for (let i = 1; i < waits.length; i++) assert.ok(waits[i].waited > waits[i - 1].waited, JSON.stringify(waits));
    assert.ok(total > 8000, String(total));
  });

  it('thread per client: nobody waits, total ≈ longest session, memory grows with threads', () => {
    const { r, waits, total } = run('samples/chat-thread-per-client.ts');
    assert.ok(waits.every((w) => w.waited <= 2));
    assert.equal(total, 3020);
    assert.match(r.output, /7 threads/);
    assert.match(r.output, /does not scale/);
  });

  it('thread pool: slow clients hold both threads, the others starve', () => {
    const { waits } = run('samples/chat-thread-pool.ts');
    assert.deepEqual(
      waits.map((w) => w.waited),
      [2, 2, 2990, 2990, 3278, 3278],
    );
  });

  it('multiplexing and async: nobody waits, total ≈ the longest session', () => {
    for (const f of ['samples/chat-multiplexing.ts', 'samples/chat-async.ts']) {
      const { waits, total } = run(f);
      assert.ok(waits.every((w) => w.waited <= 2), f);
      assert.equal(total, 3020, f);
    }
  });

  it('the same sample twice gives the same trace (deterministic)', () => {
    const a = runSample('samples/chat-async.ts');
    const b = runSample('samples/chat-async.ts');
    assert.deepEqual(a.rows, b.rows);
    assert.equal(a.output, b.output);
  });
});

describe('co-scheduling (the runtime drives the main loop, as sim-bridge.ts does)', () => {
  for (const f of ['samples/chat-sequential.ts', 'samples/chat-thread-pool.ts', 'samples/chat-async.ts', 'samples/cafe.ts']) {
    it(`${f}: same output as when the world drives`, () => {
      const a = runSample(f);
      const b = runSample(f, { mainDriven: true });
      assert.equal(b.stopped, undefined, b.output);
      assert.equal(b.output, a.output);
    });
  }
});
