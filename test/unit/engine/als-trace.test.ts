/**
 * The AsyncLocalStorage store of each run slice (EventKind.AlsStore) as the engine records it,
 * on both implementations (Node 20/22: async_hooks records; 24+: AsyncContextFrame), and the
 * timeline's colouring built from it (src/core/viewmodel/als.ts).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { runProgram } from '../../../src/core/engine/run';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { alsStorages, buildAlsColouring, buildTimeline, describeEvent, SegState } from '../../../src/core/viewmodel/index';
import { distReady, tempProgram } from './helpers';

const PROGRAM = `import { AsyncLocalStorage } from 'node:async_hooks';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const requests = new AsyncLocalStorage<{ requestId: string }>();
const tenant = new AsyncLocalStorage<string>();

class Secret {
  requestId = 'secret';
  get hidden(): string { console.log('getter ran'); return 'x'; }
  [Symbol.for('nodejs.util.inspect.custom')]() { console.log('inspect ran'); return 'x'; }
}

async function step(n: number): Promise<void> {
  await sleep(n);
  console.log(requests.getStore()?.requestId, n);
}

async function handle(n: number): Promise<void> {
  await step(n);
  setTimeout(() => console.log('timer of', requests.getStore()?.requestId), 1);
  await sleep(5);
}

for (let i = 1; i <= 3; i++) requests.run({ requestId: 'req-' + i }, () => tenant.run('acme', () => handle(i)));
requests.run(new Secret() as never, () => handle(9));
handle(0);
`;

interface Recorded { storage: number; label: string; site: number; after: number }

function storesOf(trace: TraceFile): Recorded[] {
  const e = trace.events;
  const out: Recorded[] = [];
  for (let i = 0; i < e.kind.length; i++) {
    if (e.kind[i] !== EventKind.AlsStore) continue;
    let j = i - 1;
    while (e.kind[j] === EventKind.AlsStore) j--;
    out.push({ storage: e.a[i], label: trace.strings[e.b[i]], site: e.c[i], after: e.kind[j] });
  }
  return out;
}

describe('AsyncLocalStorage stores in the trace, and colouring by them', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  for (const node of [20, 24] as const) {
    describe(`Node ${node}`, () => {
      let trace: TraceFile;
      let stdout = '';
      before(async () => {
        const dir = tempProgram({ 'server.ts': PROGRAM });
        const r = await runProgram({ file: 'server.ts', cwd: dir, node, onOutput: (s, t) => { if (s === 'stdout') stdout += t; } });
        assert.equal(r.exitCode, 0);
        trace = r.trace;
      });

      it('labels every slice that runs in a store, after its TaskStart/TaskResume/TimerFire, with data only', () => {
        // Labelling a store ran none of the program's code (the getter, the custom inspector).
        assert.doesNotMatch(stdout, /getter ran|inspect ran/);
        assert.match(stdout, /^req-1 1\nundefined 0\nreq-2 2\ntimer of req-1\n[^]*secret 9\ntimer of secret\n$/);
        const rec = storesOf(trace);
        const labels = new Set(rec.map((r) => `${r.storage}:${r.label}`));
        assert.deepEqual([...labels].sort(), ["1:Secret { requestId: 'secret' }", "1:{ requestId: 'req-1' }", "1:{ requestId: 'req-2' }", "1:{ requestId: 'req-3' }", "2:'acme'"]);
        for (const r of rec) assert.ok([EventKind.TaskStart, EventKind.TaskResume, EventKind.TimerFire].includes(r.after), `after kind ${r.after}`);
        assert.ok(rec.some((r) => r.after === EventKind.TimerFire && r.label === "{ requestId: 'req-2' }"), 'a timer callback runs in the store it was set in');
        // Each storage at its `new AsyncLocalStorage()`.
        const site = (n: number) => trace.sites[rec.find((r) => r.storage === n)!.site];
        assert.deepEqual([site(1).line, site(2).line, path.basename(trace.files[site(1).file])], [4, 5, 'server.ts']);
      });

      it('the view model names the storages by place and colours each lane by its request', () => {
        assert.deepEqual(alsStorages(trace).map((s) => s.label), ['AsyncLocalStorage at server.ts:4', 'AsyncLocalStorage at server.ts:5']);
        const model = buildTimeline(trace);
        const colouring = buildAlsColouring(trace, model.lanes, 1);
        assert.deepEqual(colouring.values, ["{ requestId: 'req-1' }", "{ requestId: 'req-2' }", "{ requestId: 'req-3' }", "Secret { requestId: 'secret' }"]);
        const { lanes } = model.lanes;
        const valuesOf = (label: string) => {
          const l = lanes.findIndex((lane) => lane.label === label);
          return new Set(colouring.segmentValue[l]);
        };
        // handle #1..#3 run (and wait) in their own request's store, from start to end; handle #5 (handle(0)) in none.
        assert.deepEqual([1, 2, 3].map((i) => [...valuesOf(`handle #${i}`)]), [[0], [1], [2]]);
        assert.deepEqual([...valuesOf('step #2')], [1]);
        assert.deepEqual([...valuesOf('handle #5')], [-1]);
        // The waiting segments have the store too (an await resumes in the store it stopped in).
        const h2 = lanes.findIndex((lane) => lane.label === 'handle #2');
        const states = [...lanes[h2].segments.state];
        assert.ok(states.includes(SegState.Suspended));
        // The timers lane: each callback in its own store (the sleeps' resolves run in their callers' stores too).
        const timers = colouring.segmentValue[model.lanes.timersLane];
        assert.ok(new Set(timers).size >= 4);
        assert.ok(colouring.slices.every((s) => s > 0));
        assert.ok(colouring.slicesWithout > 0);
        const seq = trace.events.kind.indexOf(EventKind.AlsStore);
        assert.match(describeEvent({ trace, taskLabel: (t) => `task ${t}` }, seq), /^runs in the store .* of AsyncLocalStorage at server\.ts:[45]$/);
      });

      it('a run without AsyncLocalStorage records none', async () => {
        const dir = tempProgram({ 'plain.ts': 'async function f() { await null; }\nf();\n' });
        const r = await runProgram({ file: 'plain.ts', cwd: dir, node });
        assert.equal(r.trace.events.kind.indexOf(EventKind.AlsStore), -1);
        assert.deepEqual(alsStorages(r.trace), []);
      });
    });
  }
});
