/**
 * The Perfetto / Chrome Trace Event export (src/core/export/perfetto.ts): its shape on
 * hand-built and real traces, checked against Perfetto's JSON import rules (chrome-trace-rules.ts),
 * and — for samples/chat-async.ts and friends — read by Chrome DevTools' own trace engine
 * (@paulirish/trace_engine, the Performance panel's model), the consumer that runs here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanText, renderChromeTraceJson, stepTimes, toChromeTrace, type ChromeTraceEvent, type ChromeTraceFile } from '../../../src/core/export/perfetto';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { distReady, ROOT, runCli } from '../engine/helpers';
import { helloAsync, threadpoolIo, twoWorkers, TraceBuilder, withUncaughtError } from '../viewmodel/trace-builder';
import { checkChromeTrace } from './chrome-trace-rules';

const of = (file: ChromeTraceFile, pred: (e: ChromeTraceEvent) => boolean): ChromeTraceEvent[] => file.traceEvents.filter(pred);

/** Loads DevTools' trace engine (an ES module) from this CommonJS test. */
async function devtoolsEngine(): Promise<any> {
  // A native dynamic import (tsx would turn a plain import() into require(), which cannot load ESM).
  const load = new Function('s', 'return import(s)') as (s: string) => Promise<any>;
  const analyze = await load('@paulirish/trace_engine/analyze-trace.mjs');
  analyze.polyfillDOMRect();
  return load('@paulirish/trace_engine');
}

/** Parses the export with DevTools' trace engine, all handlers; returns its data. */
async function parseWithDevTools(file: ChromeTraceFile): Promise<any> {
  const Trace = await devtoolsEngine();
  const model = Trace.TraceModel.Model.createWithAllHandlers();
  await model.parse(JSON.parse(JSON.stringify(file.traceEvents)));
  return model.parsedTrace(0).data;
}

/** What DevTools made of each of our threads: every X slice we wrote must be in its thread's tree (nothing dropped as mis-nested). */
function assertDevToolsAcceptsSlices(file: ChromeTraceFile, data: any): void {
  assert.deepEqual([...data.Warnings.perWarning.keys()], [], 'DevTools raised warnings');
  const names = new Map<string, string>();
  for (const e of file.traceEvents) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, String(e.args!.name));
  let threads = 0;
  for (const [pid, proc] of data.Renderer.processes) {
    for (const [tid, thread] of proc.threads) {
      threads++;
      assert.equal(thread.name, names.get(`${pid}/${tid}`), `thread ${pid}/${tid} is named by our metadata`);
      const ours = of(file, (e) => e.pid === pid && e.tid === tid && e.ph === 'X');
      const theirs = thread.entries.filter((e: any) => e.ph === 'X');
      assert.equal(theirs.length, ours.length, `${thread.name}: every slice reaches DevTools`);
      const inTree = theirs.filter((e: any) => data.Renderer.entryToNode.has(e)).length;
      assert.equal(inTree, ours.length, `${thread.name}: every slice nests in DevTools' tree`);
    }
  }
  assert.equal(threads, names.size, 'DevTools sees every thread we named');
}

describe('export/perfetto: Chrome Trace Event JSON', () => {
  it('hello-async: tasks as async slices with nested awaits, a flow per settle → resume, named tracks, whole µs', () => {
    const file = toChromeTrace(helloAsync());
    assert.deepEqual(checkChromeTrace(file), []);
    const taskBegins = of(file, (e) => e.ph === 'b' && e.cat === 'task' && !/^(await|yield)/.test(e.name));
    assert.deepEqual(taskBegins.map((e) => e.name), ['main', 'count #1', 'count #2', 'count #3']);
    assert.equal(new Set(taskBegins.map((e) => e.id)).size, 4, 'one id per task');
    const awaits = of(file, (e) => e.ph === 'b' && e.cat === 'task' && e.name.startsWith('await'));
    assert.deepEqual(awaits.map((e) => e.name), ['await sleep(1000)', 'await sleep(1000)', 'await sleep(1000)', 'await Promise.all [3]']);
    // An await is nested in its task: same category and id, begun after the task, ended before it.
    const count1 = taskBegins[1];
    const own = of(file, (e) => e.cat === 'task' && e.id === count1.id && (e.ph === 'b' || e.ph === 'e')).map((e) => `${e.ph} ${e.name}`);
    assert.deepEqual(own, ['b count #1', 'b await sleep(1000)', 'e await sleep(1000)', 'e count #1']);
    // Flows: one per resume that a settle caused, bound at both ends (v2: bind_id + flow_out / flow_in).
    const outs = of(file, (e) => e.flow_out === true);
    const ins = of(file, (e) => e.flow_in === true);
    assert.equal(outs.length, 4);
    assert.deepEqual(outs.map((e) => e.bind_id).sort(), ins.map((e) => e.bind_id).sort());
    for (const e of outs) assert.match(e.name, /^resolve promise #\d+ → (count #\d|main)$/);
    for (const e of ins) assert.equal(e.ph, 'X');
    // Metadata names the tracks; ts are whole microseconds of virtual time.
    assert.ok(of(file, (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'main thread (event loop)').length === 1);
    assert.ok(of(file, (e) => e.ph === 'M' && e.name === 'process_name' && e.pid === 3).length === 1, 'the timers process');
    for (const e of file.traceEvents) if (e.ts !== undefined) assert.ok(Number.isInteger(e.ts) && Number.isInteger(e.dur ?? 0));
    const timerCallbacks = of(file, (e) => e.ph === 'X' && /^timer #\d callback$/.test(e.name));
    assert.equal(timerCallbacks.length, 3);
    for (const e of timerCallbacks) assert.ok(e.ts! >= 1_000_000 && e.ts! < 1_000_100, 'the timers fire at 1000 ms = 1 000 000 µs');
    assert.equal(of(file, (e) => e.ph === 'b' && e.cat === 'timer').length, 3);
    assert.equal(of(file, (e) => e.ph === 'i' && e.cat === 'console').length, 7);
  });

  it('counters follow the queues: the microtask queue fills and drains, timers count down to 0', () => {
    const file = toChromeTrace(helloAsync());
    const counters = of(file, (e) => e.ph === 'C' && e.name === 'queues');
    assert.ok(counters.length > 5);
    assert.equal(Math.max(...counters.map((e) => Number(e.args!.timers))), 3);
    assert.equal(counters[counters.length - 1].args!.timers, 0);
    assert.ok(counters.some((e) => Number(e.args!.microtasks) > 0));
    assert.equal(counters[counters.length - 1].args!.microtasks, 0);
  });

  it('an unhandled rejection and an uncaught error are thread instants', () => {
    const tb = new TraceBuilder('x.ts');
    tb.ev(EventKind.RunStart);
    tb.ev(EventKind.MacrotaskStart, 1, 0);
    const p = tb.promise();
    tb.ev(EventKind.PromiseReject, p, tb.str('Error: nope'), 1);
    tb.ev(EventKind.MacrotaskEnd, 1, 0);
    tb.ev(EventKind.UnhandledRejection, p, tb.str('Error: nope'));
    tb.ev(EventKind.RunEnd, 1);
    const file = toChromeTrace(tb.build(1));
    assert.deepEqual(checkChromeTrace(file), []);
    const [instant] = of(file, (e) => e.name === 'unhandled rejection');
    assert.equal(instant.ph, 'i');
    assert.equal(instant.s, 't');
    assert.equal(instant.args!.reason, 'Error: nope');
    const boom = toChromeTrace(withUncaughtError());
    assert.equal(of(boom, (e) => e.name === 'unhandled rejection').length, 1);
    assert.deepEqual(checkChromeTrace(boom), []);
    const tb2 = new TraceBuilder('y.ts');
    tb2.ev(EventKind.MacrotaskStart, 1, 0);
    tb2.ev(EventKind.UncaughtError, 0, tb2.str('TypeError: x is not a function'), 0);
    tb2.ev(EventKind.MacrotaskEnd, 1, 0);
    const uncaught = toChromeTrace(tb2.build(1));
    assert.equal(of(uncaught, (e) => e.name === 'uncaught error' && e.ph === 'i').length, 1);
    assert.deepEqual(checkChromeTrace(uncaught), []);
  });

  it('threads and the threadpool: a thread per simulated thread, a process for the pool, slices nested', () => {
    for (const trace of [twoWorkers(), threadpoolIo()]) {
      const file = toChromeTrace(trace);
      assert.deepEqual(checkChromeTrace(file), []);
    }
    const pool = toChromeTrace(threadpoolIo());
    assert.ok(of(pool, (e) => e.ph === 'M' && e.pid === 2 && e.name === 'process_name' && e.args?.name === 'libuv threadpool').length === 1);
    assert.ok(of(pool, (e) => e.ph === 'X' && e.pid === 2).length > 0, 'requests on pool threads');
    const workers = toChromeTrace(twoWorkers());
    assert.ok(of(workers, (e) => e.ph === 'M' && e.name === 'thread_name' && e.tid! > 100).length >= 2);
  });

  it('a run stopped early: what is open ends with the run, marked unfinished', () => {
    const tb = new TraceBuilder('forever.ts');
    tb.ev(EventKind.RunStart);
    tb.ev(EventKind.MacrotaskStart, 1, 0);
    const site = tb.site(2, 3, 'sleep(10)', 'await');
    const [task] = tb.call('loop', 0, 0);
    const p = tb.promise(task);
    tb.suspend(task, site, p);
    tb.ev(EventKind.MacrotaskEnd, 1, 0);
    tb.at(50).ev(EventKind.Truncated, 0, tb.str('budget: 50 ms of virtual time'));
    const trace = tb.build();
    trace.meta.truncated = { reason: 'budget' };
    const file = toChromeTrace(trace);
    assert.deepEqual(checkChromeTrace(file), []);
    const ends = of(file, (e) => e.ph === 'e' && e.args?.unfinished === true).map((e) => e.name);
    assert.deepEqual(ends, ['await sleep(10)', 'loop']);
    assert.ok(of(file, (e) => e.name === 'run stopped early').length === 1);
  });

  it('strings are cleaned for Perfetto’s tokenizer: no \\u escapes in the JSON', () => {
    assert.equal(cleanText('a\u0000b\u001bc\nd\ud800'), 'a\ufffdb\ufffdc\nd\ufffd');
    const tb = new TraceBuilder('x.ts');
    tb.ev(EventKind.RunStart);
    tb.ev(EventKind.MacrotaskStart, 1, 0);
    tb.log('\u001b[31mred\u001b[0m </script> "quoted"\n');
    tb.ev(EventKind.MacrotaskEnd, 1, 0);
    const text = renderChromeTraceJson(tb.build());
    assert.doesNotMatch(text, /\\u[0-9a-f]{4}/i);
    assert.deepEqual(checkChromeTrace(JSON.parse(text)), []);
  });

  it('the export’s clock: steps of one instant 1 µs apart per thread, never before their virtual time, blocks their exact length', () => {
    const trace = helloAsync();
    const { at } = stepTimes(trace, 1);
    const { t } = trace.events;
    for (let i = 0; i < t.length; i++) assert.ok(at[i] >= t[i] * 1000 && at[i] < t[i] * 1000 + 1000, `event ${i}`);
    for (let i = 1; i < t.length; i++) if (t[i] === t[i - 1]) assert.equal(at[i], at[i - 1] + 1);
    // A crowded instant just before the next one: later steps come after, in order.
    const tb = new TraceBuilder('x.ts');
    for (let k = 0; k < 5; k++) tb.log(`${k}\n`);
    tb.at(0.003).log('later\n');
    tb.at(1).log('much later\n');
    assert.deepEqual([...stepTimes(tb.build(), 1).at], [0, 1, 2, 3, 4, 5, 1000]);
    assert.deepEqual([...stepTimes(helloAsync(), 0).at].slice(0, 3), [0, 0, 0]);
    // A block stamped at its end (Atomics.wait): it starts after the steps before it and lasts exactly its length.
    const sync = new TraceBuilder('x.ts');
    sync.log('a\n');
    sync.log('b\n');
    sync.at(1000);
    const block = sync.ev(EventKind.Block, 1000, 0, 0);
    sync.log('c\n');
    const clock = stepTimes(sync.build(), 1);
    assert.deepEqual([clock.blockFrom[block], clock.blockTo[block], clock.at[block], clock.at[block + 1]], [2, 1_000_002, 1_000_002, 1_000_003]);
  });

  it('renders one event per line, parseable, deterministic', () => {
    const text = renderChromeTraceJson(helloAsync());
    assert.equal(text, renderChromeTraceJson(helloAsync()));
    const parsed = JSON.parse(text) as ChromeTraceFile;
    assert.deepEqual(Object.keys(parsed), ['otherData', 'traceEvents']);
    assert.equal(text.split('\n').length, parsed.traceEvents.length + 4);
  });
});

describe('export/perfetto: accepted by a real consumer (Chrome DevTools’ trace engine)', function () {
  this.timeout(120_000);
  const traces: Record<string, TraceFile> = {};
  before(function () {
    if (!distReady()) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-perfetto-'));
    for (const sample of ['chat-async', 'threadpool', 'workers', 'hello-sync']) {
      const out = path.join(dir, `${sample}.json`);
      const perfetto = path.join(dir, `${sample}.perfetto.json`);
      const run = runCli(['run', `samples/${sample}.ts`, '--trace', out, '--perfetto', perfetto], ROOT);
      assert.equal(run.status, 0, run.stderr);
      traces[sample] = JSON.parse(fs.readFileSync(out, 'utf8')) as TraceFile;
      // The CLI writes exactly what the exporter makes of the trace it wrote.
      assert.equal(fs.readFileSync(perfetto, 'utf8'), renderChromeTraceJson(traces[sample]));
    }
  });

  it('samples/chat-async.ts: Perfetto’s rules hold, and DevTools parses it: named threads, every slice in its tree', async () => {
    const file = toChromeTrace(traces['chat-async']);
    assert.deepEqual(checkChromeTrace(file), []);
    const resumes = traces['chat-async'].events.kind.filter((k) => k === EventKind.TaskResume).length;
    assert.equal(of(file, (e) => e.flow_out === true).length, resumes, 'every resume has its arrow');
    assert.equal(of(file, (e) => e.ph === 'b' && e.cat === 'task' && e.name.startsWith('serve')).length, 6);
    assert.ok(of(file, (e) => e.ph === 'b' && e.cat === 'io').length > 50, 'the sockets’ I/O');
    const data = await parseWithDevTools(file);
    assertDevToolsAcceptsSlices(file, data);
    assert.equal(data.Meta.threadsInProcess.get(1).size, 1);
    const main = data.Renderer.processes.get(1).threads.get(1);
    assert.ok(main.tree.maxDepth >= 3, 'macrotask → microtask → task');
    // DevTools' clock: our virtual 3020 ms run, in µs.
    assert.equal(Number(data.Meta.traceBounds.max) <= 3_021_000 && Number(data.Meta.traceBounds.max) >= 3_020_000, true);
  });

  it('threadpool, workers and a blocking sleep: accepted the same way', async () => {
    for (const name of ['threadpool', 'workers', 'hello-sync']) {
      const file = toChromeTrace(traces[name]);
      assert.deepEqual(checkChromeTrace(file), [], name);
      assertDevToolsAcceptsSlices(file, await parseWithDevTools(file));
    }
    const sync = toChromeTrace(traces['hello-sync']);
    const blocks = of(sync, (e) => e.ph === 'X' && e.cat === 'block');
    assert.equal(blocks.length, 3);
    for (const b of blocks) assert.equal(b.dur, 1_000_000, 'a blocking 1 s sleep is 1 000 000 µs');
  });
});
