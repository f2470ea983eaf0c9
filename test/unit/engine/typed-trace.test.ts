import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import { MessageChannel } from 'node:worker_threads';
import { columnBuffers, plainTrace, Recorder, segmentEventsFor, type TypedTrace } from '../../../src/core/trace/recorder';
import { capConsoleText, markTruncated } from '../../../src/core/engine/trace-util';

const META = { entry: 'x.ts', engine: 'test', seed: 0, endTime: 5, exitCode: 0, moduleKind: 'commonjs' as const };

/** A recorder with events across several growth steps (65,536 events each), and segments when `segmentEvents` is small. */
function recorded(n: number, segmentEvents?: number): Recorder {
  const rec = new Recorder(true, segmentEvents);
  for (let i = 0; i < n; i++) {
    rec.now = i / 8;
    rec.thread = i % 3;
    rec.emit(i % 7 === 0 ? EventKind.Console : EventKind.TaskSuspend, i, i % 7 === 0 ? rec.str(`line ${i % 5}\n`) : -i, i * 2);
  }
  return rec;
}

describe('engine: traces cross threads with typed columns', () => {
  it('the typed export holds exactly the events of the plain one, across growth steps', () => {
    const n = 150_000;
    const plain = recorded(n).toTraceFile({ ...META });
    const typed = recorded(n).toTypedTrace({ ...META }, true);
    assert.equal(typed.events.kind.length, n);
    assert.ok(typed.events.kind instanceof Uint8Array && typed.events.t instanceof Float64Array && typed.events.thread instanceof Uint16Array);
    assert.deepEqual(plainTrace(typed), plain);
    // Copied from several segments, each column is a buffer of its own: all six are transferred.
    assert.equal(new Set(columnBuffers(recorded(n, 65_536).toTypedTrace({ ...META }))).size, 6);
  });

  it('the final export of a one-segment trace hands over views of the recorder\'s own shared buffers: no copy', () => {
    const n = 150_000;
    const typed = recorded(n).toTypedTrace({ ...META }, true);
    for (const col of Object.values(typed.events)) {
      assert.equal(col.length, n);
      assert.ok(col.buffer instanceof SharedArrayBuffer);
    }
    assert.deepEqual(columnBuffers(typed), [], 'shared, so nothing to transfer');
    assert.deepEqual(plainTrace(typed), recorded(n).toTraceFile({ ...META }));
  });

  it('a trace of several segments exports the same events, typed or plain, final or not', () => {
    const n = 150_000;
    const whole = recorded(n).toTraceFile({ ...META });
    for (const segmentEvents of [1000, 65_536, 70_000, n]) {
      const rec = recorded(n, segmentEvents);
      assert.equal(rec.kindAt(n - 1), whole.events.kind[n - 1]);
      assert.deepEqual(plainTrace(rec.toTypedTrace({ ...META })), whole, `snapshot, segments of ${segmentEvents}`);
      assert.deepEqual(rec.toTraceFile({ ...META }), whole, `plain, segments of ${segmentEvents}`);
      assert.deepEqual(plainTrace(rec.toTypedTrace({ ...META }, true)), whole, `final, segments of ${segmentEvents}`);
    }
  });

  it('a run\'s segment holds its whole event budget and a margin, within bounds', () => {
    assert.ok(segmentEventsFor(10_000_000) >= 11_000_000);
    assert.equal(segmentEventsFor(1e12), 1 << 27);
    assert.equal(segmentEventsFor(Infinity), 1 << 27);
    assert.ok(segmentEventsFor(0) > 0 && segmentEventsFor(NaN) > 0);
    assert.equal(segmentEventsFor(12_345) % 65_536, 0);
  });

  it('capping the console text of a snapshot leaves the recorder\'s shared columns as they were', () => {
    const rec = recorded(100);
    const before = [...rec.toTypedTrace({ ...META }).events.b];
    const capped = capConsoleText(rec.toTypedTrace({ ...META }), 10);
    assert.notDeepEqual([...capped.events.b], before);
    assert.deepEqual([...rec.toTypedTrace({ ...META }).events.b], before);
  });

  it('a snapshot leaves the recorder recording, and later events follow it', () => {
    const rec = recorded(70_000, 65_536);
    const snapshot = rec.toTypedTrace({ ...META });
    rec.emit(EventKind.TaskStart, 7, 0, 0);
    const final = rec.toTypedTrace({ ...META }, true);
    assert.equal(snapshot.events.kind.length, 70_000);
    assert.equal(final.events.kind.length, 70_001);
    assert.equal(final.events.a[70_000], 7);
    assert.deepEqual([...final.events.a.subarray(0, 70_000)], [...snapshot.events.a]);
  });

  for (const [what, segmentEvents, final] of [['several segments (transferred)', 65_536, false], ['one segment (shared)', undefined, false], ['a final export (shared)', undefined, true]] as const) {
    it(`the typed columns of ${what} cross to another thread unchanged`, async () => {
      const n = 100_000;
      const typed = recorded(n, segmentEvents).toTypedTrace({ ...META }, final);
      const expected = recorded(n).toTraceFile({ ...META });
      const { port1, port2 } = new MessageChannel();
      const received = new Promise<TypedTrace>((resolve) => port2.once('message', resolve));
      port1.postMessage(typed, columnBuffers(typed));
      const got = await received;
      port1.close();
      if (segmentEvents) assert.equal(typed.events.kind.length, 0, 'the sender no longer holds the columns');
      assert.deepEqual(plainTrace(got), expected);
    });
  }

  it('a typed trace can be marked truncated and console-capped like a plain one', () => {
    const plain = markTruncated(capConsoleText(recorded(100).toTraceFile({ ...META }), 10), 'cancelled', 130);
    const typed = markTruncated(capConsoleText(recorded(100).toTypedTrace({ ...META }), 10), 'cancelled', 130);
    assert.ok(typed.events.kind instanceof Uint8Array);
    assert.equal(typed.events.kind.length, 102);
    assert.equal(typed.events.kind[101], EventKind.RunEnd);
    assert.deepEqual(plainTrace(typed), plain);
  });

  it('plainTrace leaves a plain trace as it is', () => {
    const plain = recorded(10).toTraceFile({ ...META });
    assert.equal(plainTrace(plain), plain);
  });
});
