import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import { columnBuffers, plainTrace, Recorder } from '../../../src/core/trace/recorder';
import { capConsoleText, markTruncated } from '../../../src/core/engine/trace-util';

const META = { entry: 'x.ts', engine: 'test', seed: 0, endTime: 5, exitCode: 0, moduleKind: 'commonjs' as const };

/** A recorder with events across several chunks (a chunk holds 65,536 events). */
function recorded(n: number): Recorder {
  const rec = new Recorder(true);
  for (let i = 0; i < n; i++) {
    rec.now = i / 8;
    rec.thread = i % 3;
    rec.emit(i % 7 === 0 ? EventKind.Console : EventKind.TaskSuspend, i, i % 7 === 0 ? rec.str(`line ${i % 5}\n`) : -i, i * 2);
  }
  return rec;
}

describe('engine: traces cross threads with typed columns', () => {
  it('the typed export holds exactly the events of the plain one, across chunk borders', () => {
    const n = 150_000;
    const plain = recorded(n).toTraceFile({ ...META });
    const typed = recorded(n).toTypedTrace({ ...META }, true);
    assert.equal(typed.events.kind.length, n);
    assert.ok(typed.events.kind instanceof Uint8Array && typed.events.t instanceof Float64Array && typed.events.thread instanceof Uint16Array);
    assert.deepEqual(plainTrace(typed), plain);
    // Every column is its own buffer, so all six can be transferred.
    assert.equal(new Set(columnBuffers(typed)).size, 6);
  });

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
