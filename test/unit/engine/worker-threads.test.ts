/**
 * `new Worker(file)`: a simulated thread with a context, a runtime and an event loop of its
 * own, writing into the one trace. (Its ordering against real Node is pinned by the fidelity
 * programs `worker-*.js`; these tests check what the trace and the run report.)
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { RunOptions, RunResult } from '../../../src/core/engine/api';
import { runProgram } from '../../../src/core/engine/run';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { buildSummary } from '../../../src/core/viewmodel/summary';
import { distReady, tempProgram } from './helpers';

interface Ran extends RunResult {
  stdout: string;
  stderr: string;
}

async function run(files: Record<string, string>, entry: string, extra: Partial<RunOptions> = {}): Promise<Ran> {
  const dir = tempProgram(files);
  let stdout = '';
  let stderr = '';
  const r = await runProgram({ file: path.join(dir, entry), cwd: dir, onOutput: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)), ...extra });
  return { ...r, stdout, stderr };
}

/** Ids of the events of `kind` (field a), in order. */
function idsOf(trace: TraceFile, kind: EventKind): number[] {
  const out: number[] = [];
  for (let i = 0; i < trace.events.kind.length; i++) if (trace.events.kind[i] === kind) out.push(trace.events.a[i]);
  return out;
}

const TWO_WORKERS = `
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';

async function work(n: number): Promise<number> {
  await sleep(100 * n);
  return n * 2;
}

if (isMainThread) {
  for (const n of [1, 2]) {
    const w = new Worker(__filename, { workerData: n, name: 'cook ' + n });
    w.on('message', (m) => console.log('main got', m, 'at', performance.now()));
  }
  setTimeout(() => console.log('main timer at', performance.now()), 150);
} else {
  work(workerData as number).then((r) => parentPort!.postMessage(r));
}
`;

describe('engine: new Worker(file), a thread with its own context and loop', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('runs async code in each worker on its own loop, in virtual time', async () => {
    const r = await run({ 'cooks.ts': TWO_WORKERS }, 'cooks.ts');
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'main got 2 at 100\nmain timer at 150\nmain got 4 at 200\n');
    assert.equal(r.exitCode, 0);
    assert.equal(r.trace.meta.endTime, 200);
  });

  it('draws each worker as a thread: its name, its tasks and its timers on it', async () => {
    const { trace } = await run({ 'cooks.ts': TWO_WORKERS }, 'cooks.ts');
    const { kind, a, b, thread } = trace.events;
    const created = new Map<number, string>();
    for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.ThreadCreate) created.set(a[i], trace.strings[b[i]]);
    assert.deepEqual([...created.entries()], [[1, 'cook 1'], [2, 'cook 2']]);
    const work = trace.tasks.filter((t) => t.name === 'work');
    assert.deepEqual(work.map((t) => t.thread).sort(), [1, 2], 'one `work` task on each worker thread');
    // Each worker's timer fires on its own thread.
    const fires = new Map<number, number>();
    for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.TimerFire) fires.set(a[i], thread[i]);
    assert.deepEqual([...fires.values()].sort(), [0, 1, 2]);
    // Every thread's events are in time order on that thread.
    const last = new Map<number, number>();
    for (let i = 0; i < kind.length; i++) {
      assert.ok(trace.events.t[i] >= (last.get(thread[i]) ?? 0), `event ${i} goes back in time on thread ${thread[i]}`);
      last.set(thread[i], trace.events.t[i]);
    }
  });

  it('gives ids that stay unique across threads (one trace, several runtimes)', async () => {
    const { trace } = await run({ 'cooks.ts': TWO_WORKERS }, 'cooks.ts');
    for (const k of [EventKind.PromiseCreate, EventKind.TimerSchedule]) {
      const ids = idsOf(trace, k);
      assert.ok(ids.length > 2);
      assert.equal(new Set(ids).size, ids.length, `event kind ${k}: ids repeat`);
    }
  });

  it('an error in a worker reaches the parent as an error event; the summary says which thread, not "the program ended"', async () => {
    const r = await run(
      {
        'fail.js': `
const { Worker, isMainThread } = require('node:worker_threads');
if (isMainThread) {
  const w = new Worker(__filename);
  w.on('error', (e) => console.log('error event:', e instanceof Error, e.message));
  w.on('exit', (code) => console.log('exit', code));
} else {
  setTimeout(() => { throw new TypeError('bad order'); }, 10);
}
`,
      },
      'fail.js',
    );
    assert.equal(r.stdout, 'error event: true bad order\nexit 1\n');
    assert.equal(r.exitCode, 0);
    const summary = buildSummary(r.trace);
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.threadErrors.length, 1);
    assert.match(summary.threadErrors[0], /^worker 1: .*bad order/);
  });

  it('a worker that never ends stops the run at the virtual-time budget; the trace is kept', async () => {
    const r = await run(
      {
        'forever.js': `
const { Worker, isMainThread } = require('node:worker_threads');
if (isMainThread) new Worker(__filename);
else setInterval(() => {}, 1000);
`,
      },
      'forever.js',
      { budgets: { virtualTimeMs: 20_000 } },
    );
    assert.notEqual(r.exitCode, 0);
    assert.match(r.trace.meta.truncated?.reason ?? '', /virtual.time/);
    assert.ok(idsOf(r.trace, EventKind.TimerFire).length >= 10, 'the worker ran until the budget');
  });

  it('an endless synchronous loop in a worker is stopped, naming its line', async () => {
    const r = await run(
      {
        'spin.ts': `import { Worker, isMainThread } from 'node:worker_threads';
if (isMainThread) {
  new Worker(__filename);
} else {
  let i = 0;
  while (true) i++;
}
`,
      },
      'spin.ts',
      { budgets: { realTimeMs: 400 } },
    );
    assert.notEqual(r.exitCode, 0);
    assert.match(r.trace.meta.truncated?.reason ?? '', /budget.*spin\.ts:6/);
  });

  it('runs a Worker on another file, named as Node code does (path.join(__dirname, …), new URL(…, import.meta.url), ./x.js for x.ts)', async () => {
    const r = await run(
      {
        'main.ts': `import { Worker } from 'node:worker_threads';
import path from 'node:path';
const a = new Worker(path.join(__dirname, 'cook.js'), { workerData: 'soup' });
const b = new Worker(new URL('./cook.ts', import.meta.url), { workerData: 'bread' });
const c = new Worker('./kitchen/cook.js', { workerData: 'pie' });
for (const w of [a, b, c]) w.on('message', (m) => console.log(m));
`,
        'cook.ts': `import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
async function cook(dish: string): Promise<string> {
  await sleep(dish.length * 100);
  return dish + ' is ready';
}
cook(workerData as string).then((r) => parentPort!.postMessage(r));
`,
        'kitchen/cook.js': "require('node:worker_threads').parentPort.postMessage('pie from the kitchen');\n",
      },
      'main.ts',
    );
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'pie from the kitchen\nsoup is ready\nbread is ready\n');
    assert.ok(r.trace.files.includes('cook.ts'), 'the worker file has its own sites in the trace');
    assert.deepEqual(r.trace.tasks.filter((t) => t.name === 'cook').map((t) => t.thread), [1, 2]);
  });

  it('a Worker on a file the source does not name is refused, saying which files can run', async () => {
    const r = await run(
      {
        'main.js': "const { Worker } = require('node:worker_threads');\nconst name = 'oth' + 'er.js';\nnew Worker(name);\n",
        'other.js': "console.log('never');\n",
      },
      'main.js',
    );
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /new Worker\('other\.js'\): other\.js is not among the files the program names/);
    assert.match(r.stderr, /Files a Worker can run: main\.js/);
    assert.match(r.stderr, /main\.js:3/);
  });

  it('a Worker file with a syntax error is refused at the call, with the error and its place', async () => {
    const r = await run(
      {
        'main.js': "const { Worker } = require('node:worker_threads');\nnew Worker('./broken.ts');\n",
        'broken.ts': 'const a = (;\n',
      },
      'main.js',
    );
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /new Worker\('\.\/broken\.ts'\): broken\.ts:1:\d+: /);
  });

  it('a deadlock between Workers (each in Atomics.wait for the other) stops the run, naming each thread and its line', async () => {
    const r = await run(
      {
        'main.js': `const { Worker } = require('node:worker_threads');
const shared = new Int32Array(new SharedArrayBuffer(8));
new Worker('./waiter.js', { workerData: { shared, mine: 0, theirs: 1 } });
new Worker('./waiter.js', { workerData: { shared, mine: 1, theirs: 0 } });
`,
        'waiter.js': `const { workerData } = require('node:worker_threads');
const { shared, mine, theirs } = workerData;
function waitForTheOther() {
  Atomics.wait(shared, mine, 0);
  Atomics.store(shared, theirs, 1);
  Atomics.notify(shared, theirs);
}
waitForTheOther();
`,
      },
      'main.js',
    );
    assert.notEqual(r.exitCode, 0);
    const reason = r.trace.meta.truncated?.reason ?? '';
    assert.match(reason, /^deadlock: /);
    assert.match(reason, /thread 1 \(worker 1\) is blocked at 0 ms in Atomics\.wait\(0\) \(at waitForTheOther \(.*waiter\.js:4:\d+\)\)/);
    assert.match(reason, /thread 2 \(worker 2\) is blocked at 0 ms in Atomics\.wait\(1\)/);
  });

  it('an error thrown in a Worker file is located in that file (its own source map)', async () => {
    const r = await run(
      {
        'main.js': "const { Worker } = require('node:worker_threads');\nconst w = new Worker('./thrower.ts');\nw.on('error', (e) => console.log(e.stack.split('\\n').slice(0, 3).join('\\n')));\n",
        'thrower.ts': "const n: number = 1;\nfunction deep(): never {\n  throw new Error('from the worker file ' + n);\n}\ndeep();\n",
      },
      'main.js',
    );
    assert.match(r.stdout, /^Error: from the worker file 1\n {4}at deep \(.*thrower\.ts:3:9\)\n {4}at Object\.<anonymous> \(.*thrower\.ts:5:1\)\n$/);
  });

  it('a busy-wait in a Worker occupies a core: with 3 spinning on 2 cores, the third waits for one', async () => {
    const r = await run(
      {
        'spin.js': `const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');
const sim = require('async-timeline/sim');
if (isMainThread) {
  sim.configure({ cores: 2 });
  for (const n of [1, 2, 3]) new Worker(__filename, { workerData: n }).on('message', (m) => console.log(m));
} else {
  const start = Date.now();
  let reads = 0;
  while (Date.now() - start < 100) reads++;
  parentPort.postMessage('worker ' + workerData + (reads > 1000 ? ' spun' : ' barely spun') + ', done at ' + Math.round(performance.now()) + ' ms');
}
`,
      },
      'spin.js',
    );
    // Wall-clock spins end on time; the third spent its 100 ms waiting for a core, not spinning.
    assert.equal(r.stdout, 'worker 1 spun, done at 100 ms\nworker 2 spun, done at 100 ms\nworker 3 barely spun, done at 100 ms\n');
    const { kind, a, thread } = r.trace.events;
    const blocked = (th: number) => [...kind.keys()].filter((i) => kind[i] === EventKind.Block && thread[i] === th).reduce((sum, i) => sum + a[i], 0);
    assert.deepEqual([blocked(1), blocked(2), blocked(3)], [100, 100, 100]);
  });

  it("a Worker's performance clock starts when it does (timeOrigin later by as much); Date is shared", async () => {
    const r = await run(
      {
        'perf.js': `const { Worker, isMainThread, parentPort } = require('node:worker_threads');
if (isMainThread) {
  setTimeout(() => {
    new Worker(__filename).on('message', (m) => console.log(JSON.stringify(m), performance.now(), performance.timeOrigin, Date.now()));
  }, 300);
} else {
  setTimeout(() => parentPort.postMessage([performance.now(), performance.timeOrigin, Date.now()]), 20);
}
`,
      },
      'perf.js',
    );
    const [worker, mainNow, mainOrigin, mainDate] = r.stdout.trim().split(' ');
    const [wNow, wOrigin, wDate] = JSON.parse(worker) as number[];
    assert.equal(wNow, 20);
    assert.equal(Number(mainNow), 320);
    assert.equal(wOrigin - Number(mainOrigin), 300);
    assert.equal(wDate, Number(mainDate));
  });

  it('plain threads made inside a Worker run with its clock and on the shared cores', async () => {
    const r = await run(
      {
        'helpers.js': `const { Worker, isMainThread, parentPort } = require('node:worker_threads');
const sim = require('async-timeline/sim');
if (isMainThread) {
  sim.configure({ cores: 2 });
  new Worker(__filename).on('message', (m) => console.log(JSON.stringify(m)));
} else {
  const started = Date.now();
  const helpers = ['a', 'b', 'c'].map((n) => sim.thread(() => { sim.cpu(100); return Date.now() - started; }, 'helper ' + n));
  const results = helpers.map((h) => h.join());
  setTimeout(() => parentPort.postMessage({ results, now: Date.now() - started, perf: performance.now() }), 10);
}
`,
      },
      'helpers.js',
    );
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '{"results":[100,100,200],"now":210,"perf":210}\n');
    const names = r.trace.strings;
    const created = [...r.trace.events.kind.keys()].filter((i) => r.trace.events.kind[i] === EventKind.ThreadCreate).map((i) => names[r.trace.events.b[i]]);
    assert.deepEqual(created, ['worker 1', 'helper a', 'helper b', 'helper c']);
  });
});
