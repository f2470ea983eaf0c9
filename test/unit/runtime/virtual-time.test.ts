import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import { runNode, runSim, runSimAsync } from './harness';

describe('runtime: virtual time, blocking, budgets', () => {
  it('timers fire at their due times; time advances only when idle', () => {
    const r = runSim(`
      const t0 = Date.now(), p0 = performance.now();
      setTimeout(() => console.log('a', Date.now() - t0, performance.now() - p0), 1000);
      setTimeout(() => console.log('b', Date.now() - t0), 1.5);
      setTimeout(() => console.log('c', Date.now() - t0), 0);
      let n = 0; const iv = setInterval(() => { console.log('iv', Date.now() - t0); if (++n === 3) clearInterval(iv); }, 300);
    `);
    assert.equal(r.stdout, 'b 1\nc 1\niv 300\niv 600\niv 900\na 1000 1000\n');
    assert.equal(r.trace.meta.endTime, 1000);
  });

  it('tie rule: a top-level setTimeout(0) runs before setImmediate (seed 0), after it with an odd seed', () => {
    const src = `setImmediate(() => console.log('immediate')); setTimeout(() => console.log('timeout'), 0);`;
    assert.equal(runSim(src).stdout, 'timeout\nimmediate\n');
    assert.equal(runSim(src, { seed: 1 }).stdout, 'immediate\ntimeout\n');
  });

  it('Atomics.wait on the main thread blocks in virtual time and records a Block', () => {
    const r = runSim(`
      const t0 = Date.now();
      setTimeout(() => console.log('timer at', Date.now() - t0), 10);
      const ia = new Int32Array(new SharedArrayBuffer(4));
      console.log(Atomics.wait(ia, 0, 0, 500), Date.now() - t0);
      console.log(Atomics.wait(ia, 0, 1, 500));
    `);
    assert.equal(r.stdout, 'timed-out 500\nnot-equal\ntimer at 500\n');
    const blocks = r.trace.events.kind.map((k, i) => [k, r.trace.events.a[i]]).filter(([k]) => k === EventKind.Block);
    assert.deepEqual(blocks, [[EventKind.Block, 500]]);
  });

  it('a busy-wait on Date.now() ends (cost model) and delays timers', () => {
    const r = runSim(`
      const t0 = Date.now();
      setTimeout(() => console.log('timer at', Date.now() - t0), 5);
      while (Date.now() - t0 < 100) {}
      console.log('waited', Date.now() - t0);
    `);
    assert.equal(r.stdout, 'waited 100\ntimer at 100\n');
    assert.ok(r.trace.events.kind.includes(EventKind.Block));
  });

  it('ES module ordering: microtasks before nextTicks after the body', () => {
    const src = `Promise.resolve().then(() => console.log('A')); process.nextTick(() => console.log('B'));`;
    assert.equal(runSim(src, { moduleKind: 'module' }).stdout, 'A\nB\n');
    assert.equal(runSim(src).stdout, 'B\nA\n');
    assert.equal(runNode(src, [], '.mjs').stdout, 'A\nB\n');
  });

  it('loop() throws a budget error naming the site after the real-time budget', () => {
    const r = runSim(`
      var $s = __asyncTimeline$.sites('spin.ts', [[3, 7, 'other', 'while']]);
      console.log('start');
      while (true) { __asyncTimeline$.loop($s); }
    `, { raw: true, budgets: { realTimeMs: 50, virtualTimeMs: 1e9, events: 1e7 } });
    assert.equal(r.stdout, 'start\n');
    assert.match(r.trace.meta.truncated?.reason ?? '', /budget: .* at spin\.ts:3:7/);
    assert.ok(r.handle.done);
  });

  it('a never-ending setInterval stops at the virtual-time budget, trace kept and truncated', () => {
    const r = runSim(`setInterval(() => {}, 1000);`, { budgets: { realTimeMs: 1000, virtualTimeMs: 10000, events: 1e7 } });
    assert.equal(r.trace.meta.truncated?.reason, 'budget: virtual time 10000 ms');
    assert.equal(r.trace.events.kind.filter((k) => k === EventKind.TimerFire).length, 10);
  });

  it('an infinite microtask chain is stopped by the real-time budget', () => {
    const r = runSim(`function f() { Promise.resolve().then(f); } f();`, { tracing: false, budgets: { realTimeMs: 100, virtualTimeMs: 1e9, events: 1e9 } });
    assert.match(r.trace.meta.truncated?.reason ?? '', /budget: real time/);
  });

  it('warn mode prints the warnings and handled-later warning', () => {
    const src = `const p = Promise.reject(1); setTimeout(() => p.catch(() => {}), 1);`;
    const r = runSim(src, { unhandledRejections: 'warn' });
    const n = runNode(src, ['--unhandled-rejections=warn']);
    assert.equal(r.stderr.replace(/node:\d+/g, 'node:X'), n.stderr.replace(/node:\d+/g, 'node:X'));
    assert.equal(r.code, 0);
  });

  it('strict and none modes', () => {
    const src = `process.on('unhandledRejection', (r) => console.log('listener', r)); Promise.reject(2); setTimeout(() => console.log('later'), 1);`;
    const strict = runSim(src, { unhandledRejections: 'strict' });
    assert.equal(strict.code, runNode(src, ['--unhandled-rejections=strict']).code);
    assert.equal(runSim(src, { unhandledRejections: 'none' }).stdout, runNode(src, ['--unhandled-rejections=none']).stdout);
  });
});

describe('runtime: external (native) promises', () => {
  it('an await of a native promise waits in real time, is marked External, and the loop stays alive', async () => {
    const r = await runSimAsync(`
      const native = (async () => 5)();
      __asyncTimeline$.async(function* () {
        const v = yield __asyncTimeline$.await(native, 0);
        console.log('got', v);
      }, this, [], 0);
      setTimeout(() => console.log('timer'), 10);
    `, { raw: true });
    assert.equal(r.stdout, 'timer\ngot 5\n');
    assert.ok(r.trace.events.kind.includes(EventKind.External));
    assert.equal(r.code, 0);
  });
});
