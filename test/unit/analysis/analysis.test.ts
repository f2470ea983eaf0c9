import assert from 'node:assert/strict';
import type { RunOptions } from '../../../src/core/engine/api';
import { runProgram } from '../../../src/core/engine/run';
import { analyzeRun, formatReport, type RunAnalysis } from '../../../src/core/analysis/index';
import { analysisProblems } from '../../../src/extension/traceProblems';
import { distReady, ROOT, runCli, tempProgram } from '../engine/helpers';

async function analyze(file: string, cwd: string, extra: Partial<RunOptions> = {}, threshold?: number): Promise<RunAnalysis> {
  const r = await runProgram({ file, cwd, onOutput: () => {}, ...extra });
  return analyzeRun(r.trace, threshold !== undefined ? { blockingThresholdMs: threshold } : {});
}

describe('analysis: answers from one run', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  describe('critical path', () => {
    it('hello-async: one sleep(1000) = 1000 ms, reached through main → Promise.all → count #3', async () => {
      const a = await analyze('samples/hello-async.ts', ROOT);
      const p = a.criticalPath;
      assert.equal(p.end, 1000);
      assert.deepEqual(p.chain, ['main', 'Promise.all [3]', 'count #3', 'sleep(1000)']);
      assert.equal(p.segments.length, 1);
      assert.deepEqual({ cause: p.segments[0].cause, from: p.segments[0].from, to: p.segments[0].to }, { cause: 'timers', from: 0, to: 1000 });
      assert.match(p.segments[0].label, /^sleep\(1000\) in count #3$/);
      assert.equal(p.segments[0].place?.line, 7);
      assert.deepEqual(p.byCause, { timers: 1000 });
      assert.ok(p.seqs.length > 4);
    });

    it('hello-sync: three blocking sleeps of 1000 ms = 3000 ms, each at Atomics.wait in its count', async () => {
      const a = await analyze('samples/hello-sync.ts', ROOT);
      const p = a.criticalPath;
      assert.equal(p.end, 3000);
      assert.deepEqual(p.segments.map((s) => [s.cause, s.from, s.to, s.label, s.place?.line]), [
        ['blocking', 0, 1000, 'Atomics.wait in count #1', 6],
        ['blocking', 1000, 2000, 'Atomics.wait in count #2', 6],
        ['blocking', 2000, 3000, 'Atomics.wait in count #3', 6],
      ]);
      assert.deepEqual(p.byCause, { blocking: 3000 });
      assert.deepEqual(p.chain.slice(0, 2), ['main', 'Promise.all [3]']);
    });

    it('sequential waits add up: timers then a busy-wait, in time order', async () => {
      const dir = tempProgram({
        'seq.ts': `const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function step(): Promise<void> {
  await sleep(200);
  const until = Date.now() + 80;
  while (Date.now() < until) {}
}
async function main(): Promise<void> {
  await sleep(100);
  await step();
}
main();
`,
      });
      const p = (await analyze('seq.ts', dir)).criticalPath;
      assert.equal(Math.round(p.end), 380);
      assert.deepEqual(p.segments.map((s) => s.cause), ['timers', 'timers', 'blocking']);
      assert.equal(p.byCause.timers, 300);
      assert.equal(Math.round(p.byCause.blocking ?? 0), 80);
      assert.equal(p.segments[2].place?.line, 5, 'the busy-wait is placed at its loop');
    });
  });

  describe('leftovers', () => {
    it('a never-settling program names the await line and the promise’s creation line, through the chain of tasks', async () => {
      const dir = tempProgram({
        'never.ts': `function waitForever(): Promise<void> {
  return new Promise<void>(() => {});
}

async function worker(): Promise<void> {
  console.log('worker starts');
  await waitForever();
  console.log('never printed');
}

async function main(): Promise<void> {
  await worker();
}

main();
`,
      });
      const a = await analyze('never.ts', dir);
      const left = a.findings.filter((f) => f.kind === 'suspended-forever');
      assert.equal(left.length, 2);
      const [worker, main] = left;
      assert.equal(worker.place?.line, 7);
      assert.match(worker.message, /^worker is suspended forever at `await waitForever\(\)`: that promise was made by `new Promise` at never\.ts:2 by worker and its resolve \(or reject\) function was never called; the event loop ran out of work/);
      assert.deepEqual(worker.related.map((r) => r.place?.line), [2]);
      assert.equal(main.place?.line, 12);
      assert.match(main.message, /main is suspended forever at `await worker\(\)`: it waits for worker\(\), which is itself suspended forever at `await waitForever\(\)` \(never\.ts:7\)/);
      assert.deepEqual(main.related.map((r) => r.place?.line), [7, 2]);
    });

    it('an unsettled top-level await says Node exits with code 13', async () => {
      const dir = tempProgram({ 'tla.mts': `console.log('before');\nawait new Promise(() => {});\nconsole.log('after');\n` });
      const r = await runProgram({ file: 'tla.mts', cwd: dir, onOutput: () => {} });
      assert.equal(r.exitCode, 13);
      const f = analyzeRun(r.trace).findings.filter((x) => x.kind === 'top-level-await');
      assert.equal(f.length, 1);
      assert.equal(f[0].place?.line, 2);
      assert.match(f[0].message, /^Top-level await of `new Promise\(\(\) => \{\}\)` never settled: that promise was made by `new Promise` at tla\.mts:2 .*exits with code 13/);
    });

    it('a run stopped by a budget says what kept it alive: the interval and its line', async () => {
      const dir = tempProgram({ 'tick.ts': `let n = 0;\nfunction start(): void {\n  setInterval(() => { n++; }, 100);\n}\nstart();\nsetTimeout(() => {}, 10_000);\n` });
      const a = await analyze('tick.ts', dir, { budgets: { virtualTimeMs: 350 } });
      const alive = a.findings.filter((f) => f.kind === 'kept-alive');
      assert.equal(alive.length, 2);
      const interval = alive.find((f) => /interval/.test(f.message));
      assert.ok(interval);
      assert.equal(interval.place?.line, 3);
      assert.match(interval.message, /an interval every 100 ms set at tick\.ts:3, fired 3 times and never cleared/);
      assert.ok(alive.some((f) => /a timer of 10000 ms/.test(f.message)));
      assert.equal(a.findings.filter((f) => f.kind === 'suspended-forever').length, 0, 'a stopped run has no "forever"');
    });

    it('a listening server that kept a stopped run alive is named with the line that started it (net and http)', async () => {
      const dir = tempProgram({
        'serve.ts': `import net from 'node:net';
import http from 'node:http';

const plain = net.createServer((socket) => socket.end());
plain.listen(7000);
const web = http.createServer((_req, res) => res.end('ok'));
function startWeb(): void {
  web.listen(8080);
}
startWeb();
`,
      });
      const a = await analyze('serve.ts', dir, { budgets: { virtualTimeMs: 200 } });
      const alive = a.findings.filter((f) => f.kind === 'kept-alive');
      const netServer = alive.find((f) => /:7000/.test(f.message));
      const httpServer = alive.find((f) => /:8080/.test(f.message));
      assert.ok(netServer, alive.map((f) => f.message).join('\n'));
      assert.ok(httpServer, alive.map((f) => f.message).join('\n'));
      assert.match(netServer.message, /listening server :7000 .*, started at serve\.ts:5\.$/);
      assert.equal(netServer.place?.line, 5);
      assert.match(httpServer.message, /server listening on :8080, started at serve\.ts:8\.$/);
      assert.equal(httpServer.place?.line, 8);
    });

    it('a program that ends cleanly has no leftovers', async () => {
      const a = await analyze('samples/hello-async.ts', ROOT);
      assert.deepEqual(a.findings, []);
    });
  });

  describe('floating promises', () => {
    it('fetchUser(id) without await gets a floating-promise finding at that call; awaited calls do not', async () => {
      const dir = tempProgram({
        'users.ts': `async function fetchUser(id: number): Promise<string> {
  await new Promise((r) => setTimeout(r, 10));
  return \`user \${id}\`;
}

async function main(): Promise<void> {
  const id = 7;
  fetchUser(id);
  console.log(await fetchUser(8));
  const kept = fetchUser(9);
  await kept;
  fetchUser(10).catch(() => {});
}

main();
`,
      });
      const a = await analyze('users.ts', dir);
      const floating = a.findings.filter((f) => f.kind === 'floating');
      assert.equal(floating.length, 1, JSON.stringify(floating));
      assert.deepEqual([floating[0].place?.line, floating[0].place?.column, floating[0].place?.label], [8, 3, 'fetchUser(id)']);
      assert.match(floating[0].message, /^Floating promise: `fetchUser\(id\)` in main returns a promise that is never awaited, returned, chained or handled/);
      assert.ok(floating[0].seq >= 0);
    });

    it('a rejection handled late shows the rejection and the late handler', async () => {
      const dir = tempProgram({
        'late.ts': `async function main(): Promise<void> {
  const p = new Promise((_, reject) => reject(new Error('late')));
  await new Promise((r) => setTimeout(r, 20));
  p.catch(() => console.log('handled late'));
}
main();
`,
      });
      const a = await analyze('late.ts', dir, { unhandledRejections: 'warn' });
      const late = a.findings.filter((f) => f.kind === 'late-handled');
      assert.equal(late.length, 1);
      assert.equal(late[0].place?.line, 2, 'at the promise’s creation');
      assert.match(late[0].message, /rejected at 0 ms \(Error: late\) in main with no handler, and handled only at 20 ms by main/);
      assert.equal(late[0].related.length, 1);
      assert.ok((late[0].related[0].seq ?? -1) > late[0].seq);
    });
  });

  describe('blocking', () => {
    it('flags a stretch above the threshold at its source, and not below it', async () => {
      const dir = tempProgram({
        'block.ts': `function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
setTimeout(() => blockFor(120), 0);
setTimeout(() => blockFor(20), 500);
`,
      });
      const a = await analyze('block.ts', dir);
      const blocks = a.findings.filter((f) => f.kind === 'blocking');
      assert.equal(blocks.length, 1);
      assert.equal(blocks[0].place?.line, 2);
      assert.match(blocks[0].message, /^`Atomics\.wait` blocked the event loop for 120 ms/);
      const lower = await analyze('block.ts', dir, {}, 10);
      assert.equal(lower.findings.filter((f) => f.kind === 'blocking').length, 2);
    });

    it('sim.cpu(ms) above the threshold is flagged at its line; below it, not', async () => {
      const dir = tempProgram({
        'cpu.ts': `import * as sim from 'async-timeline/sim';

function crunch(ms: number): void {
  sim.cpu(ms);
}
setTimeout(() => crunch(80), 0);
setTimeout(() => crunch(10), 500);
`,
      });
      const a = await analyze('cpu.ts', dir);
      const blocks = a.findings.filter((f) => f.kind === 'blocking');
      assert.equal(blocks.length, 1, blocks.map((f) => f.message).join('\n'));
      assert.equal(blocks[0].place?.file, 'cpu.ts');
      assert.equal(blocks[0].place?.line, 4);
      assert.match(blocks[0].message, /^`sim\.cpu` blocked the event loop for 80 ms/);
      const lower = await analyze('cpu.ts', dir, {}, 5);
      assert.deepEqual(lower.findings.filter((f) => f.kind === 'blocking').map((f) => [f.place?.line, /for (\d+) ms/.exec(f.message)?.[1]]), [[4, '80'], [4, '10']]);
    });

    it('hello-sync: the three blocking sleeps of one callback are one finding of 3000 ms', async () => {
      const a = await analyze('samples/hello-sync.ts', ROOT);
      const blocks = a.findings.filter((f) => f.kind === 'blocking');
      assert.equal(blocks.length, 1);
      assert.match(blocks[0].message, /blocked the event loop for 3000 ms \(3 calls\)/);
    });
  });

  describe('report', () => {
    it('formats every section', async () => {
      const text = formatReport(await analyze('samples/hello-async.ts', ROOT));
      assert.equal(text, [
        'Critical path: 1000 ms — main → Promise.all [3] → count #3 → sleep(1000)',
        '  0–1000 ms  timers 1000 ms: sleep(1000) in count #3 (samples/hello-async.ts:7)',
        'Time by cause: timers 1000 ms',
        'Leftovers: none',
        'Floating promises: none',
        'Blocking (≥ 50 ms): none',
        '',
      ].join('\n'));
    });

    it('the CLI prints it with --report, with its threshold flag; the program’s own output is unchanged', () => {
      const r = runCli(['run', 'samples/hello-sync.ts', '--report', '--blocking-threshold', '5000']);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, 'One\nTwo\nOne\nTwo\nOne\nTwo\nexecuted in 3.00 seconds.\n');
      assert.match(r.stderr, /Critical path: 3000 ms/);
      assert.match(r.stderr, /Time by cause: blocking 3000 ms/);
      assert.match(r.stderr, /Blocking \(≥ 5000 ms\): none/);
      const bad = runCli(['run', 'samples/hello-sync.ts', '--blocking-threshold', '5']);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--blocking-threshold goes with --report/);
    });
  });
});

describe('analysis: Problems entries (extension, pure part)', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('each finding with a place becomes a warning at its line, with its related places', async () => {
    const dir = tempProgram({
      'p.ts': `function never(): Promise<void> {\n  return new Promise<void>(() => {});\n}\nasync function fetchUser(id: number): Promise<number> {\n  return id;\n}\nasync function main(): Promise<void> {\n  fetchUser(1);\n  await never();\n}\nmain();\n`,
    });
    const r = await runProgram({ file: 'p.ts', cwd: dir, onOutput: () => {} });
    const problems = analysisProblems(r.trace);
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.column, p.severity]), [['p.ts', 9, 3, 'warning'], ['p.ts', 8, 3, 'warning']]);
    assert.match(problems[0].message, /^main is suspended forever at `await never\(\)`.* See: the promise it waits on was made here by main, and never settled \(p\.ts:2\)\.$/);
    assert.match(problems[1].message, /^Floating promise: `fetchUser\(1\)` in main/);
    assert.equal(analysisProblems(r.trace, 0).length, 2, 'nothing blocked, even at threshold 0');
  });
});
