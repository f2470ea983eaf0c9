/**
 * The view model over traces recorded by the real engine (test/fixtures/traces, written by
 * `node dist/cli.js run samples/<name>.ts --trace …`): the same picture as the hand-built
 * traces of trace-builder.ts. Regenerate the fixtures when the engine's output changes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TraceFile } from '../../../src/core/trace/format';
import { buildRows, buildTimeline, checkTrace, rowLabel, SegState, summaryText } from '../../../src/core/viewmodel/index';

const fixture = (name: string): TraceFile => {
  const check = checkTrace(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'traces', `${name}.json`), 'utf8')));
  assert.ok(check.ok);
  return check.trace;
};

describe('viewmodel over real engine traces', () => {
  it('hello-async: lanes, 1.00 s, arrows, and each count suspended on sleep(1000)', () => {
    const model = buildTimeline(fixture('hello-async'));
    const rows = buildRows(model.lanes, new Set()).map((r) => rowLabel(model.lanes, r));
    assert.deepEqual(rows, ['script: hello-async.ts', 'main', 'count ×3', 'count #1', 'count #2', 'count #3', 'timers']);
    assert.match(summaryText(model.summary), /^executed in 1\.00 s of virtual time · 4 tasks · 4 awaits/);
    assert.deepEqual(model.arrows.counts, { resume: 4, spawn: 4, yield: 0, combinator: 3 });
    for (const lane of model.lanes.groups[1].lanes) {
      const seg = model.lanes.lanes[lane].segments;
      assert.deepEqual([...seg.state], [SegState.Running, SegState.Suspended, SegState.Queued, SegState.Running]);
      assert.equal(model.trace.sites[seg.site[1]].label, 'sleep(1000)');
    }
  });

  it('hello-sync: 3.00 s, each count blocked 1000 ms', () => {
    const model = buildTimeline(fixture('hello-sync'));
    assert.equal(model.summary.endTime, 3000);
    assert.equal(model.summary.blockedMs, 3000);
    for (const lane of model.lanes.groups[1].lanes) {
      assert.deepEqual([...model.lanes.lanes[lane].segments.state], [SegState.Running, SegState.Blocked, SegState.Running]);
    }
  });
});
