import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import {
  buildTimeline, checkTrace, consoleLineAt, eventsAtLine, nextStep, nextTaskEvent, summaryText,
} from '../../../src/core/viewmodel/index';
import { helloAsync, helloSync, TraceBuilder, withUncaughtError } from './trace-builder';

describe('viewmodel/summary, console, stepping, validation', () => {
  it('hello-async: 1.00 s, 4 tasks, 4 awaits, no blocking', () => {
    const { summary } = buildTimeline(helloAsync());
    assert.equal(summaryText(summary), 'executed in 1.00 s of virtual time · 4 tasks · 4 awaits · max concurrency 4 · blocked 0 ms');
  });

  it('hello-sync: 3.00 s, all of it blocked', () => {
    const { summary } = buildTimeline(helloSync());
    assert.equal(summary.endTime, 3000);
    assert.equal(summary.blockedMs, 3000);
    assert.match(summaryText(summary), /^executed in 3\.00 s of virtual time/);
  });

  it('console lines are tied to their events; the cursor highlights the last printed', () => {
    const model = buildTimeline(helloAsync());
    assert.deepEqual(model.console.map((l) => l.text), ['One', 'One', 'One', 'Two', 'Two', 'Two', 'executed in 1.00 seconds.']);
    const second = model.console[1].seq;
    assert.equal(consoleLineAt(model.console, second), 1);
    assert.equal(consoleLineAt(model.console, second - 1), 0);
    assert.equal(consoleLineAt(model.console, 0), -1);
  });

  it('stepping skips bookkeeping; task stepping follows one task', () => {
    const trace = helloAsync();
    const model = buildTimeline(trace);
    const { kind, a } = trace.events;
    let seq = -1;
    const visited: number[] = [];
    for (;;) {
      const next = nextStep(model, seq, 1);
      if (next === seq) break;
      visited.push(kind[next]);
      seq = next;
    }
    assert.ok(!visited.includes(EventKind.PromiseCreate));
    assert.ok(!visited.includes(EventKind.ReactionQueued));
    const start = kind.indexOf(EventKind.TaskStart);
    const task = a[start];
    const mine: number[] = [];
    for (let s = start; ;) {
      mine.push(kind[s]);
      const n = nextTaskEvent(model, s, task, 1);
      if (n === s) break;
      s = n;
    }
    assert.deepEqual(mine, [EventKind.TaskStart, EventKind.TaskSuspend, EventKind.TaskResume, EventKind.TaskFinish]);
  });

  it('selectEvents: events at an await line of the file', () => {
    const model = buildTimeline(helloAsync());
    const seqs = eventsAtLine(model, '/home/me/proj/samples/hello-async.ts', 7);
    assert.ok(seqs.length >= 6, `${seqs.length}`);
    assert.deepEqual(eventsAtLine(model, 'other.ts', 7), []);
  });

  it('describes events in words, user strings as given', () => {
    const trace = withUncaughtError();
    const model = buildTimeline(trace);
    const thrown = trace.events.kind.indexOf(EventKind.TaskThrow);
    assert.equal(model.describe(thrown), 'boom throws: Error: boom </script><b>not bold</b>');
    assert.equal(model.summary.errors.length, 1);
    assert.equal(model.summary.exitCode, 1);
  });

  it('rejects what it cannot draw with a sentence, and notes what it can', () => {
    assert.equal(checkTrace(null).ok, false);
    assert.equal(checkTrace({ format: 'other' }).ok, false);
    const newer = checkTrace({ ...helloAsync(), version: 99 });
    assert.ok(!newer.ok && /newer/.test(newer.message) && /99/.test(newer.message));
    const damaged = checkTrace({ ...helloAsync(), events: { kind: [1], t: [], a: [], b: [], c: [] } });
    assert.ok(!damaged.ok && /different lengths/.test(damaged.message));
    const empty = checkTrace(new TraceBuilder().build());
    assert.ok(empty.ok && /empty/.test(empty.notices[0]));
    const truncatedTrace = helloAsync();
    truncatedTrace.meta.truncated = { reason: 'budget: 100000 events' };
    const truncated = checkTrace(truncatedTrace);
    assert.ok(truncated.ok && /budget: 100000 events/.test(truncated.notices[0]));
  });

  it('an empty trace still builds a model', () => {
    const model = buildTimeline(new TraceBuilder().build());
    assert.equal(model.summary.events, 0);
    assert.equal(model.lanes.lanes.length, 1);
    assert.equal(model.loop.stateAt(10).seq, -1);
  });
});
