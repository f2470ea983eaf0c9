import assert from 'node:assert/strict';
import { buildRows, buildTimeline, nextStep, rowLabel, SegState, summaryText, timeAtX } from '../../../src/core/viewmodel/index';
import { helloAsync, twoWorkers } from './trace-builder';

describe('viewmodel/threads', () => {
  it('groups lanes per thread under a header, after a cores strip', () => {
    const model = buildTimeline(twoWorkers());
    assert.deepEqual(model.lanes.threads.map((t) => [t.id, t.name]), [[0, 'main'], [1, 'worker-1'], [2, 'worker-2']]);
    const rows = buildRows(model.lanes, new Set());
    assert.deepEqual(rows.map((r) => rowLabel(model.lanes, r)), [
      'cores: threads running',
      'thread: main', 'script: two-workers.ts', 'main', 'I/O',
      'thread: worker-1', 'thread body', 'work',
      'thread: worker-2', 'thread body', 'work',
    ]);
    // Each work task is on its own thread's lane.
    const workLanes = model.lanes.lanes.filter((l) => l.group === 'work');
    assert.deepEqual(workLanes.map((l) => l.thread), [1, 2]);
  });

  it('keeps a trace without threads exactly as before (no header, no cores strip)', () => {
    const model = buildTimeline(helloAsync());
    assert.equal(model.occupancy, null);
    assert.equal(model.lanes.threads.length, 1);
    const rows = buildRows(model.lanes, new Set());
    assert.ok(rows.every((r) => r.kind === 'lane' || r.kind === 'group'));
  });

  it('places each thread on one axis in virtual time, blocks from their start', () => {
    const model = buildTimeline(twoWorkers());
    const lane = model.lanes.lanes.find((l) => l.group === 'work' && l.thread === 2)!;
    const seg = lane.segments;
    const held = [...seg.state].map((s, i) => [s, i] as const).filter(([s]) => s === SegState.Blocked || s === SegState.Computing);
    // cpu 100 (0 → 100) on a core, the read (100 → 180) off-core, cpu 50 (180 → 230).
    assert.deepEqual(held.map(([s, i]) => [s, timeAtX(model.axis, seg.x0[i]), timeAtX(model.axis, seg.x1[i])]),
      [[SegState.Computing, 0, 100], [SegState.Blocked, 100, 180], [SegState.Computing, 180, 230]]);
    assert.equal(model.summary.endTime, 230);
  });

  it('counts threads on a core: two workers at once, none while both read', () => {
    const model = buildTimeline(twoWorkers());
    const occ = model.occupancy!;
    assert.equal(occ.maxCount, 2);
    const countAt = (ms: number): number => {
      let c = 0;
      for (let i = 0; i < occ.x.length; i++) if (timeAtX(model.axis, occ.x[i]) <= ms && (i + 1 >= occ.x.length || timeAtX(model.axis, occ.x[i + 1]) > ms)) c = occ.count[i];
      return c;
    };
    assert.equal(countAt(50), 2);
    assert.equal(countAt(120), 0);
    assert.equal(countAt(160), 1);
    const w1 = occ.threads.find((t) => t.id === 1)!;
    assert.equal(w1.x0.length, 2, 'worker-1 runs twice: before and after its read');
  });

  it('collapses a group by its per-thread key', () => {
    const model = buildTimeline(twoWorkers());
    assert.deepEqual(model.lanes.groups.map((g) => g.key), ['main', '1:work', '2:work']);
  });

  it('steps in axis order, not trace order (each thread has its own clock)', () => {
    const model = buildTimeline(twoWorkers());
    const visited: number[] = [];
    for (let seq = nextStep(model, -1, 1), guard = 0; guard < 500; guard++) {
      visited.push(seq);
      const next = nextStep(model, seq, 1);
      if (next === seq) break;
      seq = next;
    }
    const xs = visited.map((s) => model.axis.pos[s]);
    assert.ok(xs.every((x, i) => i === 0 || x >= xs[i - 1]), 'x never goes back');
    assert.equal(nextStep(model, visited[visited.length - 1], 1), visited[visited.length - 1]);
    assert.equal(nextStep(model, visited[3], -1), visited[2]);
  });

  it('says CPU work apart from blocking in the summary', () => {
    const model = buildTimeline(twoWorkers());
    assert.equal(model.summary.computingMs, 300);
    assert.equal(model.summary.blockedMs, 130);
    assert.match(summaryText(model.summary), /blocked 130 ms · computing 300 ms \(all threads\)/);
  });
});
