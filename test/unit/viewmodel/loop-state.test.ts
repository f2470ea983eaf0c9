import assert from 'node:assert/strict';
import { EventKind, MacrotaskKind } from '../../../src/core/trace/format';
import { buildTimeline, CHECKPOINT_EVERY, LoopReplay } from '../../../src/core/viewmodel/index';
import { helloAsync, TraceBuilder } from './trace-builder';

const labels = (items: { label: string }[]): string[] => items.map((i) => i.label);

describe('viewmodel/loop-state', () => {
  const trace = helloAsync();
  const model = buildTimeline(trace);
  const { kind, a } = trace.events;
  const scriptEnd = kind.indexOf(EventKind.MacrotaskEnd);

  it('inside count #1 at t=0: the stack is script → main → count #1', () => {
    const firstLog = kind.indexOf(EventKind.Console);
    const state = model.loop.stateAt(firstLog);
    assert.deepEqual(labels(state.stack), ['script (main module)', 'main', 'count #1']);
    assert.equal(state.macrotask, 'script');
    assert.equal(state.time, 0);
  });

  it('after the script: three timers due at 1000 ms, empty stack and queues', () => {
    const state = model.loop.stateAt(scriptEnd);
    assert.deepEqual(state.stack, []);
    assert.deepEqual(state.timers.map((t) => t.due), [1000, 1000, 1000]);
    assert.deepEqual(labels(state.timers), ['timer #1 (1000 ms)', 'timer #2 (1000 ms)', 'timer #3 (1000 ms)']);
    assert.equal(state.microtasks.length, 0);
    assert.equal(state.macrotask, '');
  });

  it('when the first sleep settles: its resume is queued as a microtask, two timers remain', () => {
    const settle = kind.indexOf(EventKind.PromiseFulfill);
    const state = model.loop.stateAt(settle + 1);
    assert.deepEqual(labels(state.microtasks), ['resume count #1']);
    assert.equal(state.timers.length, 2);
    assert.equal(state.macrotask, 'timer #1');
    assert.equal(state.time, 1000);
  });

  it('while the resume job runs: stack is timer callback → job → count #1', () => {
    const resume = kind.indexOf(EventKind.TaskResume);
    const state = model.loop.stateAt(resume);
    assert.deepEqual(labels(state.stack), ['timer #1 callback', 'resume count #1', 'count #1']);
    assert.equal(state.microtasks.length, 0);
  });

  it('the end: nothing pending', () => {
    const state = model.loop.stateAt(kind.length - 1);
    assert.equal(state.timers.length + state.microtasks.length + state.ticks.length + state.stack.length, 0);
  });

  it('before the first event: empty', () => {
    const state = model.loop.stateAt(-1);
    assert.equal(state.seq, -1);
    assert.equal(state.stack.length, 0);
  });

  it('checkpoints give the same answers as a replay from the start, in any query order', () => {
    const tb = new TraceBuilder();
    const site = tb.site(1, 1, 'tick', 'tick');
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    for (let i = 0; i < CHECKPOINT_EVERY * 3; i++) {
      if (i % 3 === 0) tb.tick(site);
      else if (i % 3 === 1) tb.timer(5 + (i % 7), site);
      else tb.immediate(site);
    }
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
    const big = tb.build();
    const label = (t: number): string => `task ${t}`;
    const fresh = (seq: number) => new LoopReplay(big, label).stateAt(seq);
    const shared = new LoopReplay(big, label);
    for (const seq of [CHECKPOINT_EVERY * 2 + 17, 5, CHECKPOINT_EVERY - 1, CHECKPOINT_EVERY, CHECKPOINT_EVERY * 3]) {
      assert.deepEqual(shared.stateAt(seq), fresh(seq), `seq ${seq}`);
    }
    const end = shared.stateAt(big.events.kind.length - 1);
    assert.equal(end.ticks.length, CHECKPOINT_EVERY);
    assert.equal(end.immediates.length, CHECKPOINT_EVERY);
    // timers sorted by due time, then by creation
    for (let i = 1; i < end.timers.length; i++) {
      const p = end.timers[i - 1];
      const q = end.timers[i];
      assert.ok(p.due < q.due || (p.due === q.due && p.seq < q.seq));
    }
    void a;
  });

  it('is fast on a long trace: 200 random queries over 200k events in well under a second', () => {
    const tb = new TraceBuilder();
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    for (let i = 0; i < 100_000; i++) {
      const id = tb.tick(0);
      tb.ev(EventKind.TickRun, id);
    }
    const big = tb.build();
    const replay = new LoopReplay(big, String);
    const started = Date.now();
    replay.stateAt(200_000); // the first pass lays the checkpoints
    const checkpointed = Date.now();
    for (let i = 0; i < 200; i++) replay.stateAt(Math.floor(Math.random() * 200_000));
    // Under tsx every enum read is a getter; the bundled webview is several times faster.
    assert.ok(Date.now() - checkpointed < 1000, `${Date.now() - checkpointed} ms for 200 queries (first pass ${checkpointed - started} ms)`);
  });
});
