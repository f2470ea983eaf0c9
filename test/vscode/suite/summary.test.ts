import * as assert from 'node:assert';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { awaitHints, fileIndexes, formatHint, formatStats, formatSummary, functionStats, summarize } from '../../../src/extension/traceSummary';

/** A hand-made trace of hello-async: three tasks of count() (function at line 5) await at line 7 for 1000 ms. */
function helloTrace(): TraceFile {
  const events = { kind: [] as number[], t: [] as number[], a: [] as number[], b: [] as number[], c: [] as number[], thread: [] as number[] };
  const ev = (kind: EventKind, t: number, a = 0, b = 0, c = 0) => {
    events.kind.push(kind); events.t.push(t); events.a.push(a); events.b.push(b); events.c.push(c); events.thread.push(0);
  };
  ev(EventKind.RunStart, 0);
  for (const task of [1, 2, 3]) { ev(EventKind.TaskCreate, 0, task, 0, 1); ev(EventKind.TaskStart, 0, task); ev(EventKind.TaskSuspend, 0, task, 2, 10 + task); }
  for (const task of [1, 2, 3]) { ev(EventKind.PromiseFulfill, 1000, 10 + task); ev(EventKind.TaskResume, 1000, task, 10 + task, events.kind.length - 1); ev(EventKind.TaskFinish, 1000, task); }
  ev(EventKind.RunEnd, 1000);
  return {
    format: 'async-timeline-trace', version: 1,
    meta: { entry: 'samples/hello-async.ts', seed: 0, endTime: 1000, exitCode: 0, moduleKind: 'commonjs', engine: 'test' },
    files: ['samples/hello-async.ts'],
    sites: [
      { file: 0, line: 0, column: 0, label: '', kind: 'other' },
      { file: 0, line: 5, column: 1, label: 'count', kind: 'function' },
      { file: 0, line: 7, column: 3, label: 'sleep(1000)', kind: 'await' },
    ],
    tasks: [
      { name: 'main', site: 0, kind: 'main', parent: 0, thread: 0 },
      ...[1, 2, 3].map(() => ({ name: 'count', site: 1, kind: 'async' as const, parent: 0, thread: 0 })),
    ],
    strings: [''],
    events,
  };
}

suite('trace summaries (lens text, inline hints)', () => {
  const trace = helloTrace();
  const files = fileIndexes(trace, '/ws/samples/hello-async.ts', '/ws');

  test('the file is matched by its resolved path', () => {
    assert.deepStrictEqual([...files], [0]);
    assert.strictEqual(fileIndexes(trace, '/elsewhere/hello-async.ts', '/ws').size, 0);
  });

  test('run summary and per-function stats', () => {
    assert.strictEqual(formatSummary(summarize(trace)), '1.00 s · 3 tasks · 3 awaits');
    const stats = functionStats(trace, files, [{ startLine: 4, endLine: 8 }, { startLine: 10, endLine: 15 }]);
    assert.strictEqual(formatStats(stats.get(0)!), '1.00 s · 3 tasks · 3 awaits');
    assert.strictEqual(stats.get(1), undefined);
  });

  test('await hints say how long each await line waited', () => {
    const hints = awaitHints(trace, files);
    assert.deepStrictEqual(hints.map((h) => [h.line, formatHint(h)]), [[6, 'waited 1000 ms × 3']]);
    assert.strictEqual(formatHint({ line: 0, count: 2, minMs: 5, maxMs: 10, pending: 1 }), 'waited 5–10 ms, still waiting at the end');
  });
});
