import assert from 'node:assert/strict';
import { EventKind, MacrotaskKind } from '../../../src/core/trace/format';
import {
  ArrowKind, buildRows, buildTimeline, collapsedAtFirst, compactRows, exchangeLabel, MarkerKind, netIndex, NETWORK_LANES_OPEN, processCommand, rowLabel, SegState,
  timeAtX, type TimelineModel,
} from '../../../src/core/viewmodel/index';
import { laneStateAt } from '../../../src/core/viewmodel/companion';
import { ioStats, ioText } from '../../../src/core/viewmodel/io-stats';
import { buildViewRows } from '../../../src/core/viewmodel/view-rows';
import { helloAsync, threadpoolIo, TraceBuilder } from './trace-builder';

/** A lane's segments as [state, from ms, to ms]. */
const spans = (model: TimelineModel, lane: number): [number, number, number][] => {
  const seg = model.lanes.lanes[lane].segments;
  return [...seg.state].map((s, i) => [s, timeAtX(model.axis, seg.x0[i]), timeAtX(model.axis, seg.x1[i])]);
};
const seqOf = (model: TimelineModel, kind: EventKind, a: number, from = 0): number => {
  const e = model.trace.events;
  for (let i = from; i < e.kind.length; i++) if (e.kind[i] === kind && e.a[i] === a) return i;
  return -1;
};

describe('viewmodel: real I/O (libuv threadpool, child processes)', () => {
  const trace = threadpoolIo();
  const model = buildTimeline(trace);
  const { lanes } = model;

  it('one lane per pool thread and one per child process, in groups after the tasks', () => {
    assert.deepEqual(lanes.poolLanes.map((l) => lanes.lanes[l].label), ['threadpool #1', 'threadpool #2']);
    assert.deepEqual(lanes.processLanes.map((l) => lanes.lanes[l].label), ['child 4242: ls -la']);
    assert.deepEqual(lanes.poolLanes.map((l) => lanes.lanes[l].kind), ['pool', 'pool']);
    assert.equal(lanes.lanes[lanes.processLanes[0]].kind, 'process');
    assert.deepEqual(lanes.groups.map((g) => [g.name, g.io ?? 'tasks', g.lanes.length]), [['main', 'tasks', 1], ['libuv threadpool', 'pool', 2], ['child processes', 'process', 1]]);
    assert.deepEqual([...lanes.laneOfIo], [-1, lanes.poolLanes[0], lanes.poolLanes[1], lanes.poolLanes[0], lanes.processLanes[0]]);
  });

  it('the groups read as what they are, with a header even for one lane', () => {
    const rows = buildRows(lanes, new Set());
    assert.deepEqual(rows.map((r) => rowLabel(lanes, r)), [
      'script: io.ts', 'main', 'libuv threadpool · 2 threads', 'threadpool #1', 'threadpool #2', 'child processes · 1', 'child 4242: ls -la', 'I/O',
    ]);
    const collapsed = buildRows(lanes, new Set(['libuv threadpool', 'child processes']));
    assert.deepEqual(collapsed.map((r) => rowLabel(lanes, r)), ['script: io.ts', 'main', 'libuv threadpool · 2 threads', 'child processes · 1', 'I/O']);
    // A task group keeps its generic header.
    const hello = buildTimeline(helloAsync());
    assert.ok(buildRows(hello.lanes, new Set()).some((r) => rowLabel(hello.lanes, r) === 'count ×3'));
    // And the rows of a visualized function keep them under the context.
    assert.equal(buildViewRows(trace, lanes, new Set(), false).rows.length, rows.length);
  });

  it('a pool request is computing when it ran on a core (crypto), I/O otherwise (fs), one bar per request', () => {
    // Thread 1: I/O #1 (0 → 50 ms), then I/O #3 (50 → 100 ms); thread 2: I/O #2 (0 → 0.15 ms).
    assert.deepEqual(spans(model, lanes.poolLanes[0]), [[SegState.Computing, 0, 50], [SegState.Computing, 50, 100]]);
    assert.deepEqual(spans(model, lanes.poolLanes[1]), [[SegState.Io, 0, 0.15]]);
    const seg = lanes.lanes[lanes.poolLanes[0]].segments;
    assert.deepEqual([...seg.seq].map((s) => [trace.events.kind[s], trace.events.a[s]]), [[EventKind.IoPoolStart, 1], [EventKind.IoPoolStart, 3]]);
    assert.equal(trace.sites[seg.site[0]].label, 'pbkdf2(…)', 'a bar links to the call that made the request');
    // Each request's end is marked (named by its IoDone), the first where the thread moved on.
    const m = lanes.lanes[lanes.poolLanes[0]].markers;
    assert.deepEqual([...m.kind], [MarkerKind.Done, MarkerKind.Done]);
    assert.deepEqual([...m.seq], [seqOf(model, EventKind.IoDone, 1), seqOf(model, EventKind.IoDone, 3)]);
    assert.equal(m.x[0], model.axis.pos[seqOf(model, EventKind.IoPoolStart, 3)]);
    assert.equal(lanes.io.endX[1], m.x[0]);
    assert.equal(lanes.io.endX[3], model.axis.pos[seqOf(model, EventKind.IoDone, 3)]);
  });

  it('two requests back to back on one thread stay two bars', () => {
    const tb = new TraceBuilder('samples/reads.ts');
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    tb.ev(EventKind.IoStart, 1, tb.str('readFile a.txt · 1 KiB'));
    tb.ev(EventKind.IoPoolStart, 1, 1, 0);
    tb.ev(EventKind.IoStart, 2, tb.str('readFile b.txt · 1 KiB'));
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
    tb.at(1);
    tb.ev(EventKind.IoPoolStart, 2, 1, 0);
    tb.ev(EventKind.IoDone, 1);
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, 1);
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, 1);
    tb.at(2);
    tb.ev(EventKind.IoDone, 2);
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, 2);
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, 2);
    const reads = buildTimeline(tb.build());
    assert.deepEqual(spans(reads, reads.lanes.poolLanes[0]), [[SegState.Io, 0, 1], [SegState.Io, 1, 2]]);
    assert.equal(reads.arrows.counts.io, 2);
  });

  it('a child process is I/O from its start to its IoDone, a Done marker per delivered event', () => {
    const lane = lanes.processLanes[0];
    assert.deepEqual(spans(model, lane), [[SegState.Io, 0, 6]]);
    const seg = lanes.lanes[lane].segments;
    assert.equal(seg.x1[0], model.axis.pos[seqOf(model, EventKind.IoDone, 4)], 'ends at its IoDone');
    const m = lanes.lanes[lane].markers;
    assert.deepEqual([...m.kind], [MarkerKind.Done, MarkerKind.Done]);
    assert.deepEqual([...m.seq].map((s) => trace.strings[trace.events.b[s]]), ['stdout 12 B', 'exit 0']);
    assert.equal(processCommand(lanes.lanes[lane].label), 'ls -la');
  });

  it('a process whose IoDone was recorded before its last event still spans its events', () => {
    const tb = new TraceBuilder('samples/child.ts');
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    tb.ev(EventKind.IoStart, 1, tb.str('child 7: ls'));
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
    tb.ev(EventKind.IoDone, 1);
    tb.at(4);
    for (const what of ['stdout 14 B', 'exit 0']) {
      tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, 0);
      tb.ev(EventKind.IoEvent, 1, tb.str(what));
      tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, 0);
    }
    const child = buildTimeline(tb.build());
    const seg = child.lanes.lanes[child.lanes.processLanes[0]].segments;
    assert.equal(seg.state.length, 1);
    assert.equal(timeAtX(child.axis, seg.x1[0]), 4);
    assert.equal(seg.x1[0], child.axis.end[Array.prototype.lastIndexOf.call(child.trace.events.kind, EventKind.IoEvent)], 'to its last event');
  });

  it('a child killed when the run ended (no event, no IoDone) runs to the end of the run', () => {
    const tb = new TraceBuilder('samples/sleeper.ts');
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    tb.ev(EventKind.IoStart, 1, tb.str('child 9: sleep 100'));
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
    tb.at(30);
    tb.ev(EventKind.RunEnd, 0, tb.str('exit'));
    const killed = buildTimeline(tb.build());
    assert.deepEqual(killed.lanes.processLanes.map((l) => killed.lanes.lanes[l].label), ['child 9: sleep 100']);
    assert.deepEqual(spans(killed, killed.lanes.processLanes[0]), [[SegState.Io, 0, 30]]);
  });

  it('its events are on their lanes: the pool start and completion on the pool thread, process events on the process', () => {
    assert.equal(lanes.laneOfEvent[seqOf(model, EventKind.IoPoolStart, 3)], lanes.poolLanes[0]);
    assert.equal(lanes.laneOfEvent[seqOf(model, EventKind.IoDone, 2)], lanes.poolLanes[1]);
    assert.equal(lanes.laneOfEvent[seqOf(model, EventKind.IoEvent, 4)], lanes.processLanes[0]);
    assert.equal(lanes.io.startSeq[3], seqOf(model, EventKind.IoStart, 3));
    assert.equal(lanes.io.poolSeq[3], seqOf(model, EventKind.IoPoolStart, 3));
    assert.equal(lanes.io.doneSeq[3], seqOf(model, EventKind.IoDone, 3));
  });

  it('arrows: each request’s end → its Io callback; each process event → the callback it runs in', () => {
    assert.deepEqual(model.arrows.counts, { resume: 1, spawn: 1, yield: 0, combinator: 0, io: 5 });
    const io = model.arrows.arrows.filter((a) => a.kind === ArrowKind.Io);
    const e = trace.events;
    const pool = io.filter((a) => e.kind[a.fromSeq] === EventKind.IoDone);
    assert.deepEqual(pool.map((a) => e.a[a.fromSeq]), [2, 1, 3], 'in the order the callbacks run');
    for (const arrow of pool) {
      const req = e.a[arrow.fromSeq];
      assert.equal(arrow.fromLane, lanes.laneOfIo[req]);
      assert.equal(arrow.fromX, lanes.io.endX[req], 'from the end of its bar');
      assert.equal(e.kind[arrow.toSeq], EventKind.MacrotaskStart);
      assert.deepEqual([e.a[arrow.toSeq], e.b[arrow.toSeq]], [MacrotaskKind.Io, req]);
      assert.equal(arrow.toLane, lanes.ioLane);
      assert.ok(arrow.toX >= arrow.fromX);
    }
    // I/O #1's bar ended when thread 1 took I/O #3, before the loop ran its callback.
    assert.equal(pool[1].fromX, model.axis.pos[seqOf(model, EventKind.IoPoolStart, 3)]);
    const proc = io.filter((a) => e.kind[a.fromSeq] === EventKind.IoEvent);
    assert.deepEqual(proc.map((a) => trace.strings[e.b[a.fromSeq]]), ['stdout 12 B', 'exit 0']);
    for (const arrow of proc) {
      assert.equal(arrow.fromLane, lanes.processLanes[0]);
      assert.equal(arrow.toLane, lanes.ioLane);
      assert.equal(e.kind[arrow.toSeq], EventKind.MacrotaskStart);
      assert.equal(arrow.toSeq, arrow.fromSeq - 1, 'the macrotask the event runs in');
    }
    // Indexed by target lane like the others.
    assert.equal(model.arrows.byTargetLane[lanes.ioLane].length, 5);
  });

  it('the loop at the cursor: a request waits in the pool’s queue, then runs on a thread (and core)', () => {
    const state = model.loop.stateAt(seqOf(model, EventKind.IoStart, 4));
    assert.deepEqual(state.io.map((i) => i.label), [
      'pbkdf2 · 100,000 iterations · on threadpool #1, core 1',
      'readFile data/users.json · 12 KiB · on threadpool #2',
      'pbkdf2 · 100,000 iterations · queued in the threadpool',
      'child 4242: ls -la',
    ]);
    const later = model.loop.stateAt(seqOf(model, EventKind.IoPoolStart, 3));
    assert.deepEqual(later.io.map((i) => i.label), ['pbkdf2 · 100,000 iterations · on threadpool #1, core 1', 'pbkdf2 · 100,000 iterations · on threadpool #1, core 1']);
    assert.equal(later.io[1].seq, seqOf(model, EventKind.IoStart, 3));
    assert.deepEqual(model.loop.stateAt(trace.events.kind.length - 1).io, []);
    // A process event's callback is an Io macrotask without an id.
    assert.equal(model.loop.stateAt(seqOf(model, EventKind.IoEvent, 4)).macrotask, 'I/O');
  });

  it('says it in words: the summary, the hover, the tasks table', () => {
    const stats = ioStats(trace);
    assert.deepEqual(stats, { operations: 4, pool: 3, queued: 1, queuedMs: 50, processes: 1, connections: 0, httpRequests: 0 });
    assert.equal(ioText(stats), 'I/O: 4 operations (3 on the threadpool, 1 waited 50 ms in its queue) · child processes: 1');
    assert.equal(ioText(ioStats(helloAsync())), '');
    assert.match(model.describe(seqOf(model, EventKind.IoDone, 2)), /^I\/O #2 completes: readFile data\/users\.json · 12 KiB$/);
    assert.equal(model.describe(seqOf(model, EventKind.IoPoolStart, 3)), 'I/O #3 (pbkdf2 · 100,000 iterations) starts on threadpool #1, core 1');
    assert.equal(model.describe(seqOf(model, EventKind.IoEvent, 4)), 'I/O #4 (child 4242: ls -la): stdout 12 B');
    const at = laneStateAt(model, lanes.poolLanes[0], seqOf(model, EventKind.IoStart, 4));
    assert.deepEqual([at.state, at.waitsOn], ['computing', 'pbkdf2 · 100,000 iterations']);
    const read = laneStateAt(model, lanes.poolLanes[1], seqOf(model, EventKind.IoStart, 4));
    assert.deepEqual([read.state, read.waitsOn], ['I/O', 'readFile data/users.json · 12 KiB']);
  });

  it('the compare view’s compact rows keep I/O stretches', () => {
    const rows = compactRows(model, 16).rows;
    const read = rows.find((r) => r.label === 'threadpool #2')!;
    assert.deepEqual(read.state, [SegState.Io]);
    assert.deepEqual([read.t0[0], read.t1[0]], [0, 0.15]);
  });
});

describe('viewmodel: messages (MessagePort, Worker, BroadcastChannel)', () => {
  it('an arrow from each postMessage (its IoStart) to the Io callback that received it; other I/O gets none', () => {
    const tb = new TraceBuilder('samples/ports.ts');
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    tb.ev(EventKind.IoStart, 1, tb.str('port message'));
    tb.ev(EventKind.IoStart, 2, tb.str('broadcast on "news"'));
    tb.ev(EventKind.IoStart, 3, tb.str('read from client 1 → :7000'));
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
    for (const io of [1, 2, 3]) {
      tb.ev(EventKind.IoDone, io, 0);
      tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Io, io);
      tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Io, io);
    }
    tb.ev(EventKind.RunEnd, 0, tb.str('exit'));
    const model = buildTimeline(tb.build());
    const e = model.trace.events;
    const io = model.arrows.arrows.filter((a) => a.kind === ArrowKind.Io);
    assert.deepEqual(io.map((a) => [e.kind[a.fromSeq], e.a[a.fromSeq], e.kind[a.toSeq], e.b[a.toSeq]]), [
      [EventKind.IoStart, 1, EventKind.MacrotaskStart, 1],
      [EventKind.IoStart, 2, EventKind.MacrotaskStart, 2],
    ]);
    for (const arrow of io) assert.ok(arrow.toX >= arrow.fromX);
  });
});

describe('viewmodel: the network (a lane per connection, each HTTP exchange a bar)', () => {
  /** `count` loopback connections, each carrying one GET answered 100 ms later; the last one's request is never answered. */
  const connections = (count: number): TimelineModel => {
    const tb = new TraceBuilder('samples/net.ts');
    tb.ev(EventKind.RunStart);
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Script, 0);
    tb.ev(EventKind.NetListen, 40000, tb.str('listen :40000'), 1);
    for (let id = 1; id <= count; id++) {
      tb.ev(EventKind.NetConnect, id, tb.str(`server :40000 ← :${40000 + id}`), 2);
      tb.ev(EventKind.NetConnect, id, tb.str(`client :${40000 + id} → :40000`), 1);
      tb.ev(EventKind.HttpRequest, id, tb.str(`GET /items/${id}`), 1);
      tb.ev(EventKind.HttpMessageEnd, id, 0, 1);
    }
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Script, 0);
    tb.at(100);
    for (let id = 1; id < count; id++) {
      tb.ev(EventKind.HttpResponse, id, tb.str('200 OK'), 1);
      tb.ev(EventKind.HttpMessageEnd, id, 20, 2);
      tb.ev(EventKind.NetClose, id, tb.str('close'), 1);
    }
    tb.at(200);
    tb.ev(EventKind.MacrotaskStart, MacrotaskKind.Timer, 1);
    tb.log('still waiting\n');
    tb.ev(EventKind.MacrotaskEnd, MacrotaskKind.Timer, 1);
    return buildTimeline(tb.build());
  };

  it('each connection a lane in the network group; an unanswered request\'s bar runs to the end of the run', () => {
    const model = connections(3);
    const { lanes } = model;
    assert.deepEqual(buildRows(lanes, new Set(collapsedAtFirst(lanes))).map((r) => rowLabel(lanes, r)).slice(-5),
      ['network · 3 connections', 'client :40001 → :40000', 'client :40002 → :40000', 'client :40003 → :40000', 'timers']);
    assert.deepEqual(spans(model, lanes.netLanes[0]), [[SegState.Io, 0, 100]]);
    assert.deepEqual(spans(model, lanes.netLanes[2]), [[SegState.Io, 0, 200]]);
    assert.deepEqual([...lanes.lanes[lanes.netLanes[0]].markers.kind], [MarkerKind.Schedule, MarkerKind.Schedule, MarkerKind.Done]);
    const net = netIndex(model.trace);
    assert.deepEqual(net.exchanges.map((_, x) => exchangeLabel(net, x)), ['GET /items/1 → 200', 'GET /items/2 → 200', 'GET /items/3 → …']);
  });

  it(`more than ${NETWORK_LANES_OPEN} connections start collapsed into their header`, () => {
    const many = connections(NETWORK_LANES_OPEN + 1).lanes;
    const rows = buildRows(many, new Set(collapsedAtFirst(many)));
    // The header, then straight on to the loop's lanes: its members are merged into it.
    assert.deepEqual(rows.slice(-2).map((r) => rowLabel(many, r)), [`network · ${NETWORK_LANES_OPEN + 1} connections`, 'timers']);
    assert.deepEqual(rows.at(-2), { kind: 'group', group: many.groups.findIndex((g) => g.io === 'net'), collapsed: true });
    const few = connections(NETWORK_LANES_OPEN).lanes;
    assert.ok(!collapsedAtFirst(few).includes('network'));
  });
});
