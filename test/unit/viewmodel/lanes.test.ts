import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import { buildRows, buildTimeline, MarkerKind, rowLabel, SegState, timeAtX } from '../../../src/core/viewmodel/index';
import { helloAsync, helloSync, TraceBuilder } from './trace-builder';

const states = (model: ReturnType<typeof buildTimeline>, lane: number): number[] => [...model.lanes.lanes[lane].segments.state];

describe('viewmodel/lanes', () => {
  it('makes the script lane, a main lane and a count group of three (hello-async)', () => {
    const model = buildTimeline(helloAsync());
    const labels = model.lanes.lanes.map((l) => l.label);
    assert.deepEqual(labels, ['script: hello-async.ts', 'main', 'count #1', 'count #2', 'count #3', 'timers']);
    assert.deepEqual(model.lanes.groups.map((g) => [g.name, g.lanes.length]), [['main', 1], ['count', 3]]);
    const rows = buildRows(model.lanes, new Set());
    assert.deepEqual(rows.map((r) => rowLabel(model.lanes, r)), ['script: hello-async.ts', 'main', 'count ×3', 'count #1', 'count #2', 'count #3', 'timers']);
    const collapsed = buildRows(model.lanes, new Set(['count']));
    assert.deepEqual(collapsed.map((r) => rowLabel(model.lanes, r)), ['script: hello-async.ts', 'main', 'count ×3', 'timers']);
  });

  it('draws a count task as running → suspended on sleep(1000) → queued → running', () => {
    const model = buildTimeline(helloAsync());
    const lane = model.lanes.lanes[2];
    assert.deepEqual(states(model, 2), [SegState.Running, SegState.Suspended, SegState.Queued, SegState.Running]);
    const suspended = 1;
    assert.equal(model.trace.sites[lane.segments.site[suspended]].label, 'sleep(1000)');
    assert.equal(timeAtX(model.axis, lane.segments.x0[suspended]), 0);
    assert.equal(timeAtX(model.axis, lane.segments.x1[suspended]), 1000);
    assert.deepEqual([...lane.markers.kind].filter((k) => k === MarkerKind.Finish).length, 1);
  });

  it('shows main as calling while a count runs synchronously inside it', () => {
    const model = buildTimeline(helloAsync());
    const mainStates = states(model, 1);
    assert.equal(mainStates[0], SegState.Running);
    assert.ok(mainStates.includes(SegState.Calling));
    assert.ok(mainStates.includes(SegState.Suspended));
  });

  it('puts the sleep resolutions on the timers lane (they happen in the timer callbacks)', () => {
    const model = buildTimeline(helloAsync());
    const timers = model.lanes.lanes[model.lanes.timersLane];
    // Three sleeps, and Promise.all (settled by the last then-callback, inside the third timer).
    assert.equal([...timers.markers.kind].filter((k) => k === MarkerKind.Resolve).length, 4);
    // Each count's own result promise is marked on its lane.
    for (const lane of [2, 3, 4]) assert.ok(model.lanes.lanes[lane].markers.kind.includes(MarkerKind.Resolve));
    assert.equal([...timers.segments.state].filter((s) => s === SegState.Callback).length, 3);
  });

  it('shows each count of hello-sync blocked for 1000 ms, never suspended', () => {
    const model = buildTimeline(helloSync());
    for (const lane of [2, 3, 4]) {
      assert.deepEqual(states(model, lane), [SegState.Running, SegState.Blocked, SegState.Running]);
      const seg = model.lanes.lanes[lane].segments;
      assert.equal(timeAtX(model.axis, seg.x1[1]) - timeAtX(model.axis, seg.x0[1]), 1000);
    }
  });

  it('ends the script lane when its body is done and jobs start', () => {
    const model = buildTimeline(helloSync());
    const script = model.lanes.lanes[0].segments;
    const firstJob = Array.prototype.indexOf.call(model.trace.events.kind, EventKind.ReactionRun);
    assert.ok(script.x1[script.x1.length - 1] <= model.axis.pos[firstJob]);
  });

  it('records, per event, its lane, task and source site', () => {
    const trace = helloAsync();
    const model = buildTimeline(trace);
    const suspend = trace.events.kind.indexOf(EventKind.TaskSuspend);
    assert.equal(model.lanes.laneOfEvent[suspend], 2);
    assert.equal(model.lanes.taskOfEvent[suspend], 2);
    assert.equal(trace.sites[model.lanes.siteOfEvent[suspend]].label, 'sleep(1000)');
    const resume = trace.events.kind.indexOf(EventKind.TaskResume);
    assert.equal(trace.sites[model.lanes.siteOfEvent[resume]].label, 'sleep(1000)', 'a resume links to the await it returns from');
  });

  it('survives tasks without a trace entry and events for unknown tasks', () => {
    const tb = new TraceBuilder();
    tb.ev(EventKind.TaskStart, 7);
    tb.ev(EventKind.TaskSuspend, 7, 0, 0);
    tb.ev(EventKind.ReactionQueued, 1, 1, 9);
    const model = buildTimeline(tb.build());
    assert.equal(model.lanes.lanes.length, 1);
  });
});
