import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import { ArrowKind, buildTimeline } from '../../../src/core/viewmodel/index';
import { helloAsync, helloSync, TraceBuilder } from './trace-builder';

describe('viewmodel/arrows', () => {
  it('hello-async: 4 resumes, 4 spawns, 3 combinator inputs', () => {
    const model = buildTimeline(helloAsync());
    assert.deepEqual(model.arrows.counts, { resume: 4, spawn: 4, yield: 0, combinator: 3, io: 0 });
  });

  it('settle → resume arrows go from the settle event to the resumed task lane', () => {
    const trace = helloAsync();
    const model = buildTimeline(trace);
    for (const arrow of model.arrows.arrows.filter((a) => a.kind === ArrowKind.Resume)) {
      assert.equal(trace.events.kind[arrow.fromSeq], EventKind.PromiseFulfill);
      assert.equal(trace.events.kind[arrow.toSeq], EventKind.TaskResume);
      assert.equal(trace.events.c[arrow.toSeq], arrow.fromSeq);
      assert.equal(model.lanes.laneOfTask[trace.events.a[arrow.toSeq]], arrow.toLane);
      assert.ok(arrow.toX >= arrow.fromX);
    }
  });

  it('spawn arrows leave the parent lane', () => {
    const model = buildTimeline(helloAsync());
    const spawns = model.arrows.arrows.filter((a) => a.kind === ArrowKind.Spawn);
    assert.deepEqual(spawns.map((a) => [a.fromLane, a.toLane]), [[0, 1], [1, 2], [1, 3], [1, 4]]);
  });

  it('hello-sync: the combinator inputs are found even though they settled before Promise.all', () => {
    const model = buildTimeline(helloSync());
    assert.equal(model.arrows.counts.combinator, 3);
    assert.equal(model.arrows.counts.resume, 1);
  });

  it('marks a settle right after an async generator yield as yield → consumer', () => {
    const tb = new TraceBuilder();
    const genSite = tb.site(1, 1, 'ticker', 'function');
    const yieldSite = tb.site(2, 3, 'yield i', 'yield');
    const forSite = tb.site(5, 1, 'for await', 'for-await');
    tb.ev(EventKind.MacrotaskStart, 1, 0);
    const [consumer] = tb.call('consume', 0, 0);
    const [gen] = tb.call('ticker', genSite, consumer, 'async-generator');
    const next = tb.promise(consumer, forSite);
    tb.ev(EventKind.TaskYield, gen, yieldSite);
    tb.suspend(consumer, forSite, next);
    const { settle, job } = tb.fulfillResuming(next, consumer);
    tb.resume(next, job, consumer, settle);
    tb.ev(EventKind.MacrotaskEnd, 1, 0);
    const model = buildTimeline(tb.build());
    const kinds = model.arrows.arrows.map((a) => a.kind);
    assert.deepEqual(kinds.filter((k) => k === ArrowKind.Yield).length, 1);
    const arrow = model.arrows.arrows.find((a) => a.kind === ArrowKind.Yield)!;
    assert.equal(arrow.fromLane, model.lanes.laneOfTask[gen], 'drawn from the generator lane');
    assert.equal(arrow.toLane, model.lanes.laneOfTask[consumer]);
    assert.equal(model.arrows.arrows.length, 3);
  });

  it('indexes arrows by target lane, sorted by x', () => {
    const model = buildTimeline(helloAsync());
    for (const list of model.arrows.byTargetLane) {
      for (let i = 1; i < list.length; i++) assert.ok(model.arrows.arrows[list[i]].toX >= model.arrows.arrows[list[i - 1]].toX);
    }
  });
});
