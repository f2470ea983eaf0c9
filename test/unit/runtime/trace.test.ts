import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import { Recorder } from '../../../src/core/trace/recorder';
import { runSim } from './harness';

const program = `
  var $s = __asyncTimeline$.sites('hello.ts', [[1, 1, 'function', 'count'], [2, 5, 'await', 'sleep(100)']]);
  function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
  function count(n) {
    return __asyncTimeline$.async(function* () {
      for (let i = 0; i < n; i++) { yield __asyncTimeline$.await(sleep(100), $s + 1); console.log(i); }
      return n;
    }, this, arguments, $s);
  }
  Promise.all([count(2), count(1)]).then((v) => console.log(v));
`;

describe('runtime: trace recording', () => {
  it('keeps the format invariants: seq order, t monotone, resumes name their settle', () => {
    const { trace } = runSim(program, { raw: true });
    const { kind, t, a, b, c } = trace.events;
    for (let i = 1; i < t.length; i++) assert.ok(t[i] >= t[i - 1], `t decreases at ${i}`);
    const suspended = new Map<number, number>();
    for (let i = 0; i < kind.length; i++) {
      if (kind[i] === EventKind.TaskSuspend) suspended.set(a[i], (suspended.get(a[i]) ?? 0) + 1);
      if (kind[i] === EventKind.TaskResume) {
        const settle = c[i];
        assert.ok(settle < i && (kind[settle] === EventKind.PromiseFulfill || kind[settle] === EventKind.PromiseReject), `resume ${i} names ${settle}`);
        assert.equal(a[settle], b[i], 'resume names the settled promise');
        suspended.set(a[i], suspended.get(a[i])! - 1);
      }
    }
    for (const [task, n] of suspended) assert.equal(n, 0, `task ${task} unbalanced`);
    assert.deepEqual(trace.tasks.map((x) => x.name), ['<main>', 'count', 'count']);
    assert.equal(trace.sites[2].label, 'sleep(100)');
    assert.equal(kind[0], EventKind.RunStart);
    assert.equal(kind[kind.length - 1], EventKind.RunEnd);
    assert.ok(kind.includes(EventKind.TimerSchedule) && kind.includes(EventKind.TimerFire) && kind.includes(EventKind.MacrotaskStart));
    assert.ok(trace.strings.includes('[ 2, 1 ]\n'));
  });

  it('is deterministic: same program, same bytes', () => {
    const one = JSON.stringify(runSim(program, { raw: true }).trace);
    const two = JSON.stringify(runSim(program, { raw: true }).trace);
    assert.equal(one, two);
  });

  it('tracing off records only run start/end and console output', () => {
    const { trace, stdout } = runSim(program, { raw: true, tracing: false });
    assert.equal(stdout, '0\n0\n1\n[ 2, 1 ]\n');
    assert.deepEqual([...new Set(trace.events.kind)].sort(), [EventKind.RunStart, EventKind.RunEnd, EventKind.Console].sort());
  });

  it('recorder: columns grow, strings dedup, ≤ 32 bytes/event', () => {
    const rec = new Recorder(true);
    for (let i = 0; i < 70000; i++) rec.emit(EventKind.Console, 1, rec.str(i % 2 ? 'x' : 'y'), 0);
    const tf = rec.toTraceFile({ entry: 'e', seed: 0, endTime: 0, exitCode: 0, moduleKind: 'commonjs', engine: 't' });
    assert.equal(tf.events.kind.length, 70000);
    assert.equal(rec.kindAt(69999), EventKind.Console);
    assert.deepEqual(tf.strings, ['', 'y', 'x']);
    assert.ok(rec.bytesPerEvent <= 32);
    const final = rec.toTraceFile({ entry: 'e', seed: 0, endTime: 0, exitCode: 0, moduleKind: 'commonjs', engine: 't' }, true);
    assert.deepEqual(final.events.b, tf.events.b);
    assert.throws(() => rec.toTraceFile({ entry: 'e', seed: 0, endTime: 0, exitCode: 0, moduleKind: 'commonjs', engine: 't' }), /already exported/);
    const off = new Recorder(false);
    assert.equal(off.emit(EventKind.Console, 1, 0, 0), -1);
    assert.equal(off.count, 0);
  });
});
