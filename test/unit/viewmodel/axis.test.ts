import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/trace/format';
import { buildAxis, formatDuration, formatGap, PieceKind, seqAtX, timeAtX } from '../../../src/core/viewmodel/index';
import { helloAsync, helloSync, TraceBuilder } from './trace-builder';

describe('viewmodel/axis', () => {
  it('compresses the 1000 ms idle gap of hello-async and keeps both instants open', () => {
    const axis = buildAxis(helloAsync());
    const kinds = axis.pieces.map((p) => p.kind);
    assert.deepEqual(kinds, [PieceKind.Busy, PieceKind.Gap, PieceKind.Busy]);
    const gap = axis.pieces[1];
    assert.equal(gap.t1 - gap.t0, 1000);
    assert.ok(gap.x1 - gap.x0 < 10, 'the gap is compressed to a few units');
    assert.ok(axis.pieces[0].x1 - axis.pieces[0].x0 > 10, 'the first instant is opened into its steps');
    assert.equal(formatGap(gap.t1 - gap.t0), '1000 ms');
  });

  it('orders every event left to right: pos never decreases', () => {
    const { pos, end } = buildAxis(helloAsync());
    for (let i = 1; i < pos.length; i++) assert.ok(pos[i] >= end[i - 1] - 1e-9 || pos[i] >= pos[i - 1], `event ${i}`);
  });

  it('maps x back to virtual time: 0 in the first instant, 1000 in the second, between in the gap', () => {
    const axis = buildAxis(helloAsync());
    const gap = axis.pieces[1];
    assert.equal(timeAtX(axis, 1), 0);
    assert.equal(timeAtX(axis, (gap.x0 + gap.x1) / 2), 500);
    assert.equal(timeAtX(axis, axis.width - 0.5), 1000);
  });

  it('shows blocking as a block piece, not an idle gap (hello-sync)', () => {
    const axis = buildAxis(helloSync());
    const blocks = axis.pieces.filter((p) => p.kind === PieceKind.Block);
    const gaps = axis.pieces.filter((p) => p.kind === PieceKind.Gap);
    assert.equal(blocks.length, 3);
    assert.equal(gaps.length, 0);
    assert.deepEqual(blocks.map((b) => [b.t0, b.t1]), [[0, 1000], [1000, 2000], [2000, 3000]]);
  });

  it('accepts a Block stamped after the clock advanced', () => {
    const tb = new TraceBuilder();
    tb.ev(EventKind.RunStart);
    tb.at(500);
    tb.ev(EventKind.Block, 500);
    tb.ev(EventKind.Console, 1, tb.str('x\n'));
    const axis = buildAxis(tb.build());
    assert.deepEqual(axis.pieces.map((p) => p.kind), [PieceKind.Busy, PieceKind.Block, PieceKind.Busy]);
    assert.deepEqual([axis.pieces[1].t0, axis.pieces[1].t1], [0, 500]);
  });

  it('bookkeeping events take no width, steps take one unit', () => {
    const trace = helloAsync();
    const axis = buildAxis(trace);
    const create = trace.events.kind.indexOf(EventKind.PromiseCreate);
    const start = trace.events.kind.indexOf(EventKind.TaskStart);
    assert.equal(axis.end[create] - axis.pos[create], 0);
    assert.equal(axis.end[start] - axis.pos[start], 1);
    assert.equal(seqAtX(axis, axis.pos[start] + 0.5), start);
  });

  it('wraps macrotasks in bands: one script, three timers', () => {
    const axis = buildAxis(helloAsync());
    assert.equal(axis.macrotasks.length, 4);
    for (const band of axis.macrotasks) assert.ok(band.x1 > band.x0);
  });

  it('formats durations the way the summary reads them', () => {
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(250), '250 ms');
    assert.equal(formatDuration(1000), '1.00 s');
    assert.equal(formatDuration(3000), '3.00 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
  });

  it('handles an empty trace', () => {
    const axis = buildAxis(new TraceBuilder().build());
    assert.equal(axis.pieces.length, 0);
    assert.equal(timeAtX(axis, 3), 0);
    assert.equal(seqAtX(axis, 3), -1);
  });
});
