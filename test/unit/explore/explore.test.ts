import assert from 'node:assert/strict';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { explore } from '../../../src/core/explore/explore';
import { errorLines, firstDifferingLine, groupOutcomes, type ExploredRun } from '../../../src/core/explore/outcome';
import { formatPerturbations, parseScheduleId, randomSchedule, runSeedOf } from '../../../src/core/explore/schedule-id';
import { shrinkPerturbations } from '../../../src/core/explore/shrink';
import { formatExploreReport } from '../../../src/core/explore/report';
import { runProgram } from '../../../src/core/engine/run';
import { maskTestDurations } from '../../../src/core/testing/durations';
import { mochaProgram, nodeTestExecArgv } from '../../../src/core/testing/tests';
import fs from 'node:fs';
import type { ExploreRunResult } from '../../../src/core/engine/protocol';
import type { SchedulePerturbation } from '../../../src/core/trace/format';
import { distReady, ROOT, runCli } from '../engine/helpers';

const p = (kind: SchedulePerturbation['kind'], n: number, v = 1): SchedulePerturbation => ({ kind, n, v });
const result = (stdout: string, extra: Partial<ExploreRunResult> = {}): ExploreRunResult => ({ stdout, stderr: '', exitCode: 0, perturbations: [], endTime: 0, realMs: 0, ...extra });
const LOST_MONEY = 'alice 80, bob 100, total 180';

describe('explore: schedule ids', () => {
  it('formats and parses perturbation lists, default and seed:<n>', () => {
    const list = [p('late', 3), p('io', 0, 118), p('net', 2, 90), p('tie', 0), p('poll', 1, 2)];
    assert.equal(formatPerturbations(list), 'late@3,io@0=118,net@2=90,tie@0,poll@1=2');
    assert.deepEqual(parseScheduleId('late@3,io@0=118,net@2=90,tie@0,poll@1=2'), { perturbations: list });
    assert.deepEqual(parseScheduleId('default'), { perturbations: [] });
    assert.equal(formatPerturbations([]), 'default');
    assert.deepEqual(parseScheduleId('seed:42'), randomSchedule(42));
  });
  it('says what is wrong with a bad id', () => {
    assert.match((parseScheduleId('bogus@1') as { error: string }).error, /unknown kind 'bogus'/);
    assert.match((parseScheduleId('late3') as { error: string }).error, /'late3' is not kind@n\[=value\]/);
    assert.match((parseScheduleId('io@0=300') as { error: string }).error, /75…125/);
    assert.match((parseScheduleId('net@0=20') as { error: string }).error, /75…125/);
    assert.match((parseScheduleId('seed:99999999999') as { error: string }).error, /below 2\^32/);
  });
  it('derives distinct run seeds, the same for the same seed', () => {
    const a = Array.from({ length: 100 }, (_, i) => runSeedOf(1, i));
    assert.equal(new Set(a).size, 100);
    assert.deepEqual(a, Array.from({ length: 100 }, (_, i) => runSeedOf(1, i)));
    assert.notDeepEqual(a, Array.from({ length: 100 }, (_, i) => runSeedOf(2, i)));
  });
});

describe('explore: grouping', () => {
  it('groups by stdout, exit code, stderr and truncation, most frequent first', () => {
    const runs: ExploredRun[] = [
      { index: 0, result: result('a\n') },
      { index: 1, result: result('a\n') },
      { index: 2, runSeed: 5, result: result('b\n') },
      { index: 3, runSeed: 6, result: result('a\n', { exitCode: 1 }) },
      { index: 4, runSeed: 7, result: result('a\n') },
      { index: 5, runSeed: 8, result: result('b\n') },
      { index: 6, runSeed: 9, result: result('a\n', { truncated: 'budget: 10 events' }) },
      { index: 7, runSeed: 10, result: result('a\n', { stderr: 'Error: boom\n    at x\n' }) },
    ];
    const groups = groupOutcomes(runs);
    assert.deepEqual(groups.map((g) => [g.outcome.stdout, g.count, g.first.index]), [['a\n', 3, 0], ['b\n', 2, 2], ['a\n', 1, 3], ['a\n', 1, 6], ['a\n', 1, 7]]);
    assert.deepEqual(groups[4].errors, ['Error: boom']);
    assert.equal(groups[3].outcome.truncated, 'budget: 10 events');
  });
  it('finds the first differing line and the error lines', () => {
    assert.equal(firstDifferingLine('a\nb\nc\n', 'a\nb\nd\n'), 3);
    assert.equal(firstDifferingLine('a\n', 'a\n'), 0);
    assert.deepEqual(errorLines('x\nTypeError: bad\n[UnhandledPromiseRejection: This error originated …]\n'), ['TypeError: bad', '[UnhandledPromiseRejection: This error originated …]']);
  });
});

describe('explore: shrinking', () => {
  const has = (list: SchedulePerturbation[], q: SchedulePerturbation) => list.some((x) => x.kind === q.kind && x.n === q.n && x.v === q.v);
  it('finds a single perturbation among many in one parallel round', async () => {
    const start = [p('late', 0), p('late', 4), p('io', 2, 90), p('tie', 0)];
    const r = await shrinkPerturbations(start, async (c) => has(c, p('io', 2, 90)));
    assert.deepEqual(r.perturbations, [p('io', 2, 90)]);
    assert.equal(r.tries, 4);
  });
  it('keeps the two perturbations that are needed together (ddmin), and no other', async () => {
    const start = Array.from({ length: 40 }, (_, i) => p('late', i));
    const r = await shrinkPerturbations(start, async (c) => has(c, p('late', 7)) && has(c, p('late', 31)));
    assert.deepEqual(r.perturbations, [p('late', 7), p('late', 31)]);
    assert.equal(r.capped, false);
  });
  it('stops at the cap and says so', async () => {
    const start = Array.from({ length: 64 }, (_, i) => p('io', i, 80));
    const r = await shrinkPerturbations(start, async (c) => c.length >= 30, 5);
    assert.equal(r.capped, true);
    assert.ok(r.tries <= 5);
  });
});

describe('explore: running programs', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('finds the lost money of samples/race.ts within 200 runs and shrinks it to one late callback', async () => {
    const report = await explore({ file: 'samples/race.ts', cwd: ROOT, runs: 200, seed: 1, node: 20 });
    assert.equal(report.runs, 200);
    assert.equal(report.nondeterministic, undefined);
    assert.equal(report.outcomes[0].isDefault, true);
    assert.match(report.outcomes[0].stdout, /total 150\n$/);
    const lost = report.outcomes.find((o) => o.stdout.includes(LOST_MONEY));
    assert.ok(lost, formatExploreReport(report));
    assert.equal(lost.firstDifferingLine, 3);
    assert.equal(lost.minimal?.perturbations.length, 1);
    assert.equal(report.outcomes.reduce((n, o) => n + o.count, 0), 200);
    // The shrunk schedule replays the outcome, with a trace, through the ordinary run.
    const replay = await runProgram({ file: 'samples/race.ts', cwd: ROOT, node: 20, schedule: { perturbations: lost.minimal.perturbations } });
    assert.match(replay.trace.strings.join(''), new RegExp(LOST_MONEY));
    assert.deepEqual(replay.trace.meta.perturbations, lost.minimal.perturbations);
  });

  it('is reproducible: the same seed explores the same schedules with the same outcomes', async () => {
    const a = await explore({ file: 'samples/race.ts', cwd: ROOT, runs: 40, seed: 7, node: 20, shrink: false });
    const b = await explore({ file: 'samples/race.ts', cwd: ROOT, runs: 40, seed: 7, node: 20, shrink: false, workers: 1 });
    const summary = (r: typeof a) => r.outcomes.map((o) => [o.stdout, o.count, o.run, o.schedule]);
    assert.deepEqual(summary(a), summary(b));
    // And a run seed's random schedule replays the perturbations that run took.
    const seeded = a.outcomes.find((o) => o.runSeed !== undefined);
    if (seeded) {
      const again = await runProgram({ file: 'samples/race.ts', cwd: ROOT, node: 20, schedule: randomSchedule(seeded.runSeed!) });
      assert.deepEqual(again.trace.meta.perturbations, seeded.perturbations);
    }
  });

  it('never reports a false race: samples/hello-async.ts has one outcome', async () => {
    const report = await explore({ file: 'samples/hello-async.ts', cwd: ROOT, runs: 30, node: 20 });
    assert.equal(report.outcomes.length, 1, formatExploreReport(report));
    assert.match(formatExploreReport(report), /: 30 runs, 1 outcome\n/);
  });

  it('finds the double load of a p-limit in-flight cache (real library code, real I/O latencies)', async () => {
    const report = await explore({ file: 'test/fixtures/explore/dedupe-cache.ts', cwd: ROOT, runs: 200, node: 20 });
    assert.match(report.outcomes[0].stdout, /loads: 1\n$/);
    const twice = report.outcomes.find((o) => /loads: 2/.test(o.stdout));
    assert.ok(twice, formatExploreReport(report));
    assert.ok(twice.minimal!.perturbations.some((x) => x.kind === 'io'), twice.minimal!.schedule);
  });

  it('tells a program that is not deterministic by itself (Math.random)', async () => {
    const dir = path.join(ROOT, 'test/fixtures/explore');
    const report = await explore({ file: 'random.js', source: 'console.log(Math.random() < 2 ? Math.random() : 0);\n', cwd: dir, runs: 4, node: 20 });
    assert.ok(report.nondeterministic, formatExploreReport(report));
  });

  it('says when an outcome differs only in the numbers printed (a program printing virtual times)', async () => {
    const source = "const t0 = Date.now();\nsetTimeout(() => setTimeout(() => console.log(`took ${Date.now() - t0} ms`), 5), 5);\n";
    const report = await explore({ file: 'times.js', source, cwd: path.join(ROOT, 'test/fixtures/explore'), runs: 40, node: 20, shrink: false });
    assert.ok(report.outcomes.length > 1, formatExploreReport(report));
    assert.ok(report.outcomes.filter((o) => !o.isDefault).every((o) => o.onlyNumbersDiffer));
    assert.match(formatExploreReport(report), /only numbers differ from the default's: times the program measured/);
  });

  it('counts a run stopped by a budget as an outcome of its own', async () => {
    const report = await explore({ file: 'samples/race.ts', cwd: ROOT, runs: 6, node: 20, budgets: { virtualTimeMs: 13 } });
    assert.equal(report.outcomes.length, 1);
    assert.match(report.outcomes[0].truncated ?? '', /budget: virtual time 13 ms/);
  });

  it('cancelling stops every worker at once and reports what ran', async () => {
    const controller = new AbortController();
    const report = await explore({
      file: 'samples/race.ts', cwd: ROOT, runs: 400, node: 20, signal: controller.signal,
      onProgress: (pr) => { if (pr.done === 10) controller.abort(); },
    });
    assert.equal(report.cancelled, true);
    assert.ok(report.runs >= 10 && report.runs < 400, String(report.runs));
  });
});

describe('cli: explore', function () {
  this.timeout(120_000);
  it('parses its options and refuses bad ones', () => {
    const a = parseArgs(['explore', 'x.ts', '--runs', '50', '--seed', '9', '--json', '--entry', 'main', '--workers', '1']);
    assert.equal(a.command, 'explore');
    assert.equal(a.runs, 50);
    assert.equal(a.seed, 9);
    assert.equal(a.json, true);
    assert.equal(a.entryFunction, 'main');
    assert.throws(() => parseArgs(['explore', 'x.ts', '--runs', '0']), /--runs: '0' is not a positive integer/);
    assert.throws(() => parseArgs(['explore', 'x.ts', '--runs', '2.5']), /not a positive integer/);
    assert.throws(() => parseArgs(['explore', 'x.ts', '--runs', 'many']), /not a positive integer/);
    assert.throws(() => parseArgs(['explore']), /missing <file> to explore/);
    assert.throws(() => parseArgs(['explore', 'x.ts', '--trace', 't.json']), /--trace is an option of 'run'/);
    assert.throws(() => parseArgs(['run', 'x.ts', '--runs', '3']), /--runs is an option of 'explore'/);
    assert.throws(() => parseArgs(['compare', 'a.ts', 'b.ts', '--schedule', 'late@1']), UsageError);
    assert.equal(parseArgs(['run', 'x.ts', '--schedule', 'late@1']).schedule, 'late@1');
  });

  it('end to end: a missing file, JSON output, exit code 1 for a race, replay with run --schedule', function () {
    if (!distReady()) this.skip();
    const missing = runCli(['explore', 'no-such-file.ts']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /explore: cannot find 'no-such-file\.ts'/);
    const r = runCli(['explore', 'samples/race.ts', '--runs', '120', '--json', '--node', '20']);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { runs: number; outcomes: { stdout: string; minimal?: { schedule: string } }[] };
    assert.equal(report.runs, 120);
    const lost = report.outcomes.find((o) => o.stdout.includes(LOST_MONEY))!;
    const replay = runCli(['run', 'samples/race.ts', '--node', '20', '--schedule', lost.minimal!.schedule]);
    assert.match(replay.stdout, new RegExp(LOST_MONEY));
    const bad = runCli(['run', 'samples/race.ts', '--schedule', 'late@x']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--schedule: schedule 'late@x'/);
  });
});

describe('explore: one test of a test file (Find races in this test, explore --test)', function () {
  this.timeout(180_000);
  const TRANSFERS = path.join(ROOT, 'test/fixtures/explore/transfers.test.ts');
  const ORDERS = path.join(ROOT, 'test/unit/testing/fixtures/orders.mocha.ts');
  const TWO_TRANSFERS = '/^transfers two transfers keep the total$/';

  it('masks the test reporters\' durations only', () => {
    const spec = '▶ transfers\n  ✔ two transfers keep the total (6ms)\n✖ transfers (5.25ms)\nℹ tests 1\nℹ duration_ms 6\nprinted (by the test)\n';
    assert.equal(maskTestDurations(spec), '▶ transfers\n  ✔ two transfers keep the total (#ms)\n✖ transfers (#ms)\nℹ tests 1\nℹ duration_ms #\nprinted (by the test)\n');
    const tap = 'ok 1 - a\n  ---\n  duration_ms: 10.5\n  ...\n# duration_ms 15\n';
    assert.equal(maskTestDurations(tap), 'ok 1 - a\n  ---\n  duration_ms: #\n  ...\n# duration_ms #\n');
    assert.equal(maskTestDurations('  ✔ slow one (120ms)\n\n  2 passing (1s)\n'), '  ✔ slow one (#ms)\n\n  2 passing (#ms)\n');
    assert.equal(maskTestDurations('total 150 (was 100)\n'), 'total 150 (was 100)\n');
  });

  it('finds the flaky node:test test\'s lost money; a test passing a few ms later is not a race', async () => {
    const execArgv = nodeTestExecArgv(TWO_TRANSFERS);
    const report = await explore({ file: TRANSFERS, execArgv, cwd: ROOT, runs: 100, node: 26, test: { pattern: TWO_TRANSFERS, title: 'transfers two transfers keep the total' } });
    const text = formatExploreReport(report);
    assert.equal(report.outcomes.length, 2, text);
    assert.match(report.outcomes[0].stdout, /✔ two transfers keep the total/);
    assert.doesNotMatch(report.outcomes[0].stdout, /a single transfer/, 'only the chosen test ran');
    const failing = report.outcomes[1];
    assert.equal(failing.exitCode, 1);
    assert.match(failing.stdout, /✖ two transfers keep the total[\s\S]*money appeared[\s\S]*180 !== 150/);
    assert.equal(failing.firstDifferingLine, 2, 'the test\'s own line, not a duration');
    assert.equal(failing.onlyNumbersDiffer, undefined);
    assert.equal(failing.minimal?.perturbations.length, 1, text);
    assert.match(text, /^test\/fixtures\/explore\/transfers\.test\.ts › “transfers two transfers keep the total”: 100 runs, 2 outcomes — a race: the schedule changes what the test does$/m);
    assert.match(text, /replay: async-timeline run test\/fixtures\/explore\/transfers\.test\.ts --test '\/\^transfers two transfers keep the total\$\/' --schedule late@\d+\n/);
    // The shrunk schedule replays the failure through the ordinary run of the same selection.
    const replay = await runProgram({ file: TRANSFERS, execArgv, cwd: ROOT, node: 26, schedule: { perturbations: failing.minimal!.perturbations } });
    assert.match(replay.trace.strings.join(''), /money appeared/);
    assert.equal(replay.exitCode, 1);
  });

  it('never a false race: a mocha test that only waits has one outcome, whatever its duration', async () => {
    const grep = '/^orders one customer gets the last item$/';
    const report = await explore({ file: ORDERS, source: mochaProgram(fs.readFileSync(ORDERS, 'utf8'), grep), cwd: ROOT, runs: 30, node: 20, test: { pattern: grep } });
    assert.equal(report.outcomes.length, 1, formatExploreReport(report));
    // mocha colours its report when the environment asks for it (CI sets FORCE_COLOR or CI): compare the text.
    assert.match(stripVTControlCharacters(report.outcomes[0].stdout), /✔ one customer gets the last item/);
    assert.match(formatExploreReport(report), /orders\.mocha\.ts --test '\/\^orders one customer gets the last item\$\/': 30 runs, 1 outcome\n/);
  });

  it('cli: explore --test finds the race (exit 1) and its replay runs the same test; bad selections are said (exit 2)', function () {
    if (!distReady()) this.skip();
    const r = runCli(['explore', TRANSFERS, '--node', '26', '--runs', '60', '--test', 'two transfers'], ROOT);
    assert.equal(r.status, 1, r.stderr);
    const replay = /replay: async-timeline run (\S+) --test 'two transfers' --schedule (\S+)\n/.exec(r.stdout);
    assert.ok(replay, r.stdout);
    const again = runCli(['run', TRANSFERS, '--node', '26', '--test', 'two transfers', '--schedule', replay[2]], ROOT);
    assert.equal(again.status, 1);
    assert.match(again.stdout, /money appeared/);
    const none = runCli(['explore', TRANSFERS, '--node', '26', '--test', 'three transfers'], ROOT);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /explore: no test of this file with a literal name matches three transfers \(node:test's --test-name-pattern.*\); its tests: “a single transfer”, “transfers two transfers keep the total”/);
    const mochaNone = runCli(['explore', ORDERS, '--test', 'nobody'], ROOT);
    assert.equal(mochaNone.status, 2);
    assert.match(mochaNone.stderr, /no test of this file with a literal name matches nobody \(mocha's --grep on the full title\)/);
    const plain = runCli(['explore', 'samples/race.ts', '--test', 'x'], ROOT);
    assert.equal(plain.status, 2);
    assert.match(plain.stderr, /has no tests: no describe\/it\/suite\/test call/);
    assert.throws(() => parseArgs(['explore', 'x.ts', '--test', 'a', '--entry', 'f']), /--test and --entry cannot be combined/);
    assert.equal(parseArgs(['explore', 'x.ts', '--test', 'a']).testPattern, 'a');
  });
});

describe('explore: worker threads\' own loops', function () {
  this.timeout(180_000);
  before(function () {
    if (!distReady()) this.skip();
  });
  const TWO_WORKERS = 'test/fixtures/explore/two-workers.ts';

  it('varies a Worker\'s timers: finds the lost withdrawal of a race only across threads, shrinks and replays it', async () => {
    const report = await explore({ file: TWO_WORKERS, cwd: ROOT, runs: 100, node: 20 });
    const text = formatExploreReport(report);
    assert.equal(report.nondeterministic, undefined, text);
    assert.equal(report.outcomes[0].stdout, 'balance 50\n');
    // Every outcome is a balance: a message the worker posted just before it ended reaches the
    // main thread even when its clock ran ahead (Node drains the port before 'exit').
    assert.ok(report.outcomes.every((o) => /^balance \d+\n$/.test(o.stdout)), text);
    const lost = report.outcomes.find((o) => o.stdout === 'balance 80\n' || o.stdout === 'balance 70\n');
    assert.ok(lost?.minimal, text);
    assert.ok(lost.minimal.perturbations.every((x) => x.kind === 'late'), lost.minimal.schedule);
    const replay = await runProgram({ file: TWO_WORKERS, cwd: ROOT, node: 20, schedule: { perturbations: lost.minimal.perturbations } });
    assert.equal(replay.trace.strings.join('').includes(lost.stdout.trim()), true);
    // The decisive choice point is a worker's: the first event where the replay leaves the default run is on a worker thread.
    const base = await runProgram({ file: TWO_WORKERS, cwd: ROOT, node: 20 });
    const e = replay.trace.events;
    const d = base.trace.events;
    let i = 0;
    while (i < e.kind.length && e.kind[i] === d.kind[i] && e.t[i] === d.t[i] && e.thread[i] === d.thread[i]) i++;
    assert.notEqual(e.thread[i], 0, `first divergence at event ${i}`);
    assert.deepEqual(replay.trace.meta.perturbations, lost.minimal.perturbations);
    const again = await runProgram({ file: TWO_WORKERS, cwd: ROOT, node: 20, schedule: { perturbations: lost.minimal.perturbations } });
    assert.deepEqual([...again.trace.events.t], [...replay.trace.events.t], 'the same schedule, the same run');
  });

  it('the same seed explores the same schedules of the threads, whatever the number of explorer workers', async () => {
    const a = await explore({ file: TWO_WORKERS, cwd: ROOT, runs: 30, seed: 3, node: 20, shrink: false });
    const b = await explore({ file: TWO_WORKERS, cwd: ROOT, runs: 30, seed: 3, node: 20, shrink: false, workers: 1 });
    const summary = (r: typeof a) => r.outcomes.map((o) => [o.stdout, o.count, o.run, o.schedule]);
    assert.deepEqual(summary(a), summary(b));
  });
});

describe('explore: the loopback (http on 127.0.0.1)', function () {
  this.timeout(180_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('never varies what real Node never varies: two concurrent requests are heard and answered in order', async () => {
    const report = await explore({ file: 'test/fixtures/explore/loopback-two-requests.js', cwd: ROOT, runs: 60, node: 20 });
    assert.equal(report.outcomes.length, 1, formatExploreReport(report));
    assert.equal(report.outcomes[0].stdout, 'server heard /a /b; client got /a /b\n');
  });

  it('varies what a busy machine varies: an exchange\'s callbacks starting late let a 2 ms timer come first', async () => {
    const report = await explore({ file: 'test/fixtures/explore/loopback-vs-timer.js', cwd: ROOT, runs: 100, node: 20 });
    const text = formatExploreReport(report);
    assert.equal(report.outcomes[0].stdout, 'response then timer\n', text);
    const timerFirst = report.outcomes.find((o) => o.stdout === 'timer then response\n');
    assert.ok(timerFirst?.minimal, text);
    assert.ok(timerFirst.minimal.perturbations.every((x) => x.kind === 'late'), timerFirst.minimal.schedule);
  });
});
