/**
 * The view model over traces recorded by the real engine (test/fixtures/traces, written by
 * `node dist/cli.js run samples/<name>.ts --trace …`): the same picture as the hand-built
 * traces of trace-builder.ts. Regenerate the fixtures when the engine's output changes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TraceFile } from '../../../src/core/trace/format';
import { EventKind } from '../../../src/core/trace/format';
import {
  buildRows, buildTimeline, checkJsonTrace, collapsedAtFirst, exchangeLines, formatDuration, netIndex, nextStep, rowLabel, SegState, summaryText, threadNames,
} from '../../../src/core/viewmodel/index';
import { laneStateAt } from '../../../src/core/viewmodel/companion';

const fixture = (name: string): TraceFile => {
  const check = checkJsonTrace(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'traces', `${name}.json`), 'utf8')));
  assert.ok(check.ok);
  return check.trace;
};

describe('viewmodel over real engine traces', () => {
  it('hello-async: lanes, 1.00 s, arrows, and each count suspended on sleep(1000)', () => {
    const model = buildTimeline(fixture('hello-async'));
    const rows = buildRows(model.lanes, new Set()).map((r) => rowLabel(model.lanes, r));
    assert.deepEqual(rows, ['script: hello-async.ts', 'main', 'count ×3', 'count #1', 'count #2', 'count #3', 'timers']);
    assert.match(summaryText(model.summary), /^executed in 1\.00 s of virtual time · 4 tasks · 4 awaits/);
    assert.deepEqual(model.arrows.counts, { resume: 4, spawn: 4, yield: 0, combinator: 3, io: 0 });
    for (const lane of model.lanes.groups[1].lanes) {
      const seg = model.lanes.lanes[lane].segments;
      assert.deepEqual([...seg.state], [SegState.Running, SegState.Suspended, SegState.Queued, SegState.Running]);
      assert.equal(model.trace.sites[seg.site[1]].label, 'sleep(1000)');
    }
  });

  it('fetch-two: a network group, a lane per connection, each exchange a bar from the request to the end of the response', () => {
    const model = buildTimeline(fixture('fetch-two'));
    const { lanes, trace } = model;
    const rows = buildRows(lanes, new Set(collapsedAtFirst(lanes))).map((r) => rowLabel(lanes, r));
    assert.deepEqual(rows.slice(rows.indexOf('network · 2 connections')), ['network · 2 connections', 'client :40001 → :40000', 'client :40002 → :40000', 'timers', 'immediates', 'I/O']);
    assert.equal(lanes.groups.find((g) => g.io === 'net')?.lanes.length, 2);
    const net = netIndex(trace);
    assert.deepEqual(net.exchanges.map((x) => [x.request, x.status, x.requestBytes, x.responseBytes]), [['GET /items/3', '200 OK', 0, 14], ['POST /slow', '200 OK', 1, 11]]);
    const { kind, t } = trace.events;
    lanes.netLanes.forEach((laneIndex, i) => {
      const lane = lanes.lanes[laneIndex];
      const ex = net.exchanges[i];
      // One bar (the exchange), from its HttpRequest to its response's HttpMessageEnd; connect and close are markers.
      assert.deepEqual([...lane.segments.state], [SegState.Io]);
      assert.equal(lane.segments.seq[0], ex.requestSeq);
      assert.equal(kind[ex.requestSeq], EventKind.HttpRequest);
      assert.equal(kind[ex.endSeq], EventKind.HttpMessageEnd);
      assert.equal(lane.segments.x0[0], model.axis.pos[ex.requestSeq]);
      assert.equal(lane.segments.x1[0], model.axis.end[ex.endSeq]);
      // The connection's events are on its lane: selecting one selects the lane.
      for (const seq of [ex.requestSeq, ex.responseSeq, ex.endSeq]) assert.equal(lanes.laneOfEvent[seq], laneIndex);
      assert.equal(laneStateAt(model, laneIndex, ex.responseSeq).waitsOn, i === 0 ? 'GET /items/3 → 200' : 'POST /slow → 200');
    });
    // Time to first byte: the server's request head → the client's response head (the server answers after 100 / 300 ms).
    assert.deepEqual(net.exchanges.map((x) => t[x.responseSeq] - t[x.requestSeq]), [100, 300]);
    assert.deepEqual(exchangeLines(trace, net, 1, formatDuration), [
      'HTTP POST /slow', 'status 200 OK', 'request body 1 byte, response body 11 bytes', 'time to first byte 300 ms', '100 ms → 400 ms (300 ms)',
      'on connection #2: client :40002 → :40000 (#1 on it)',
    ]);
    assert.equal(model.describe(net.exchanges[0].responseSeq), 'HTTP response 200 OK to GET /items/3 received on connection #1 (#1 on it), time to first byte 100 ms');
    assert.equal(model.describe(net.exchanges[1].endSeq), 'HTTP response to POST /slow body complete on connection #2: 11 bytes');
    // Keyboard stepping walks through the network's events like any other.
    assert.equal(nextStep(model, net.exchanges[0].requestSeq, 1) > net.exchanges[0].requestSeq, true);
    // A local run replayed nothing: no exchange says so.
    assert.equal(net.outsideMark, '');
  });

  it('weather (replayed): an outside host\'s connections and exchanges are marked replayed; its request line is not in the trace', () => {
    // test/fixtures/workspace/weather.ts run with --replay-only: two fetches to api.example.com answered by its recording.
    const model = buildTimeline(fixture('weather-replayed'));
    const { lanes, trace } = model;
    const net = netIndex(trace);
    assert.equal(net.outsideMark, 'replayed');
    assert.deepEqual(lanes.netLanes.map((l) => lanes.lanes[l].label), ['client :40000 → api.example.com:443 (replayed)', 'client :40001 → api.example.com:443 (replayed)']);
    assert.ok(net.connections.every((c) => c.outside));
    // Only the response is traced (the recording answers, no server of the program parses the request): the bar is the response's.
    assert.deepEqual(net.exchanges.map((x) => [x.requestSeq, x.status, x.responseBytes]), [[-1, '200 OK', 30], [-1, '200 OK', 30]]);
    const first = lanes.lanes[lanes.netLanes[0]].segments;
    assert.deepEqual([...first.state], [SegState.Io]);
    assert.equal(first.seq[0], net.exchanges[0].responseSeq);
    assert.equal(laneStateAt(model, lanes.netLanes[0], net.exchanges[0].responseSeq).waitsOn, 'request #1 → 200 (replayed)');
    const lines = exchangeLines(trace, net, 0, formatDuration);
    assert.equal(lines[0], 'HTTP request #1 (request line not traced: a host outside the program answered)');
    assert.match(lines.join('\n'), /^response head \d+ ms after the connection was established$/m);
    assert.equal(lines.at(-1), 'replayed from the recording (a host outside the program)');
  });

  it('hello-sync: 3.00 s, each count blocked 1000 ms', () => {
    const model = buildTimeline(fixture('hello-sync'));
    assert.equal(model.summary.endTime, 3000);
    assert.equal(model.summary.blockedMs, 3000);
    for (const lane of model.lanes.groups[1].lanes) {
      assert.deepEqual([...model.lanes.lanes[lane].segments.state], [SegState.Running, SegState.Blocked, SegState.Running]);
    }
  });

  it('workers-kitchen: each Worker has a loop of its own — the panel shows the loop of the step\'s thread', () => {
    const trace = fixture('workers-kitchen');
    const model = buildTimeline(trace);
    const names = threadNames(trace);
    assert.deepEqual([...names.values()], ['main', 'soup cook', 'tart cook']);
    const { kind, a, thread } = trace.events;
    // Each cook schedules its oven timer on its own thread: right after, that thread's loop
    // lists its own timer only, and the step says whose loop it is.
    const schedules = [...kind.keys()].filter((i) => kind[i] === EventKind.TimerSchedule);
    assert.equal(schedules.length, 2);
    for (const seq of schedules) {
      const state = model.loop.stateAt(seq);
      assert.equal(state.thread, thread[seq]);
      assert.notEqual(state.thread, 0);
      assert.deepEqual(state.timers.map((t) => t.label), [`timer #${a[seq]} (${names.get(thread[seq]) === 'soup cook' ? 1000 : 600} ms)`]);
    }
    // Back on the main thread (its last step), no cook's timer is in its loop.
    const lastMain = [...kind.keys()].filter((i) => thread[i] === 0).pop()!;
    const main = model.loop.stateAt(lastMain);
    assert.equal(main.thread, 0);
    assert.deepEqual(main.timers, []);
    assert.deepEqual(main.io, [], 'messages between threads leave the pending I/O when delivered');
  });
});
