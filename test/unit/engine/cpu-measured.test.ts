import assert from 'node:assert/strict';
import { runProgram } from '../../../src/core/engine/run';
import { analyzeRun } from '../../../src/core/analysis/index';
import { EventKind } from '../../../src/core/trace/format';
import { buildSummary, summaryText } from '../../../src/core/viewmodel/summary';
import { distReady, runCli, tempProgram } from './helpers';

/**
 * How many iterations of `crunch` (the same loop the program runs) take about `ms` of real time
 * here: measured on this machine now, so the test does not depend on its speed. The program's
 * instrumented copy is only slower, so it takes at least as long.
 */
function iterationsFor(ms: number): number {
  const crunch = (n: number) => {
    let x = 0;
    for (let i = 0; i < n; i++) x = (x * 31 + i) % 1_000_003;
    return x;
  };
  let n = 100_000;
  for (;;) {
    const t0 = performance.now();
    crunch(n);
    const took = performance.now() - t0;
    if (took >= ms) return n;
    n = Math.ceil(n * Math.min(10, Math.max(1.5, (ms * 1.2) / Math.max(took, 0.1))));
  }
}

function program(iterations: number): string {
  return `function crunch(n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}
setTimeout(() => {
  const t0 = performance.now();
  crunch(${iterations});
  console.log('computed', performance.now() - t0 > 0 ? 'some time' : 'no time');
}, 10);
`;
}

describe('--cpu=measured: synchronous code is charged its real duration', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('a busy loop of ~30 ms real CPU takes ≥ 20 ms of virtual time measured, ~0 under the model', async () => {
    const dir = tempProgram({ 'busy.ts': program(iterationsFor(30)) });
    const model = await runProgram({ file: 'busy.ts', cwd: dir, onOutput: () => {} });
    const measured = await runProgram({ file: 'busy.ts', cwd: dir, onOutput: () => {}, cpu: 'measured' });
    assert.equal(model.exitCode, 0);
    assert.equal(measured.exitCode, 0);
    assert.ok(model.trace.meta.endTime < 11, `model: the loop is free (end ${model.trace.meta.endTime} ms)`);
    assert.equal(model.trace.meta.cpu, undefined);
    assert.ok(measured.trace.meta.endTime >= 30, `measured: 10 ms timer + ≥ 20 ms of computing (end ${measured.trace.meta.endTime} ms)`);
    assert.equal(measured.trace.meta.cpu, 'measured');
    const { kind, a, b, c } = measured.trace.events;
    const blocks = kind.map((_, i) => i).filter((i) => kind[i] === EventKind.Block && b[i] === 0 && c[i] === 0);
    const charged = blocks.reduce((s, i) => s + a[i], 0);
    assert.ok(charged >= 20, `the stretch is recorded as measured CPU time (${charged} ms)`);
    // The analysis flags it like any blocking stretch, at the callback's line.
    const finding = analyzeRun(measured.trace, { blockingThresholdMs: 20 }).findings.find((f) => f.kind === 'blocking');
    assert.ok(finding, 'a stretch over the threshold is flagged');
    assert.match(finding.message, /^`CPU time measured` blocked the event loop for \d+ ms/);
    // The panel's summary strip says the run is not deterministic.
    assert.match(summaryText(buildSummary(measured.trace)), / · CPU time measured: not deterministic$/);
    assert.doesNotMatch(summaryText(buildSummary(model.trace)), /CPU time measured/);
  });

  it('the CLI takes --cpu=measured, says the run is not deterministic in --summary, and refuses --cpu=foo listing the modes', () => {
    const dir = tempProgram({ 'busy.ts': program(iterationsFor(5)) });
    const ok = runCli(['run', 'busy.ts', '--cpu=measured', '--summary'], dir);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stderr, /CPU time measured: not deterministic/);
    const model = runCli(['run', 'busy.ts', '--summary'], dir);
    assert.doesNotMatch(model.stderr, /CPU time measured/);
    const bad = runCli(['run', 'busy.ts', '--cpu=foo'], dir);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--cpu: 'foo' is not one of model, measured/);
  });

  it('explore ignores --cpu=measured and says so: its runs stay deterministic', () => {
    const dir = tempProgram({ 'quiet.ts': `setTimeout(() => console.log('done'), 5);\n` });
    const r = runCli(['explore', 'quiet.ts', '--runs', '4', '--workers', '1', '--cpu=measured'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr + r.stdout, /--cpu=measured is ignored by explore/);
    assert.match(r.stdout, /4 runs, 1 outcome/);
  });
});
