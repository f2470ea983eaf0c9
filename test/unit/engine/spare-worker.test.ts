import assert from 'node:assert/strict';
import path from 'node:path';
import type { RunOptions } from '../../../src/core/engine/api';
import { prepareEngine, releaseEngine, runProgram, whenEngineWarm } from '../../../src/core/engine/run';
import { serializeTrace } from '../../../src/core/export/trace-file';
import { distReady, tempProgram } from './helpers';

/** A program with output on both streams, a timer, awaits, an exit code and an uncaught error's text. */
const PROGRAM = `
async function tick(n: number) { await new Promise((r) => setTimeout(r, 10 * n)); return n; }
async function main() {
  console.log('start');
  const all = await Promise.all([tick(1), tick(2), tick(3)]);
  console.error('sum', all.reduce((a, b) => a + b, 0));
  process.exitCode = 3;
}
main();
`;

async function run(file: string, cwd: string, extra: Partial<RunOptions> = {}) {
  let out = '';
  const r = await runProgram({ file, cwd, onOutput: (s, t) => (out += `${s}:${t}`), ...extra });
  return { out, exitCode: r.exitCode, trace: serializeTrace(r.scanTrace), events: r.eventCount };
}

describe('engine: a spare worker (prepareEngine)', function () {
  this.timeout(60000);
  before(function () {
    if (!distReady()) this.skip();
  });
  afterEach(releaseEngine);

  it('runs the next program exactly as a fresh worker does: output, exit code, trace bytes', async () => {
    const dir = tempProgram({ 'p.ts': PROGRAM });
    const file = path.join(dir, 'p.ts');
    const fresh = await run(file, dir);
    prepareEngine();
    const onSpare = await run(file, dir);
    assert.equal(onSpare.out, fresh.out);
    assert.equal(onSpare.exitCode, 3);
    assert.equal(onSpare.trace, fresh.trace);
    // The spare was used once: the run after it starts a fresh worker, and agrees too.
    assert.equal((await run(file, dir)).trace, fresh.trace);
  });

  it('whenEngineWarm resolves once the spare has loaded; the next run then starts on it without waiting', async () => {
    const dir = tempProgram({ 'p.ts': PROGRAM });
    const file = path.join(dir, 'p.ts');
    const fresh = await run(file, dir);
    const preparing = Date.now();
    prepareEngine();
    await whenEngineWarm();
    const warmUpMs = Date.now() - preparing;
    const calledAt = Date.now();
    const r = await runProgram({ file, cwd: dir });
    // The worker had the program at once: not after a warm-up of its own (typescript, esbuild, the runtime).
    const waited = (r.timings?.workerReadyAt ?? Infinity) - calledAt;
    assert.ok(waited < warmUpMs, `the run waited ${waited} ms for its worker; a warm-up takes ${warmUpMs} ms`);
    assert.equal(serializeTrace(r.scanTrace), fresh.trace);
    // Nothing is starting now: it resolves at once.
    await whenEngineWarm();
  });

  it('a spare whose memory cap differs from the run\'s is left for another run; both runs agree', async () => {
    const dir = tempProgram({ 'p.ts': PROGRAM });
    const file = path.join(dir, 'p.ts');
    prepareEngine(512);
    const other = await run(file, dir, { budgets: { memoryMb: 256 } });
    const matching = await run(file, dir, { budgets: { memoryMb: 512 } });
    assert.equal(other.trace, matching.trace);
    assert.equal(other.out, matching.out);
  });

  it('a cancelled run on a spare still ends with the trace so far', async () => {
    const dir = tempProgram({ 'loop.ts': 'setInterval(() => {}, 1);\n' });
    prepareEngine();
    const controller = new AbortController();
    const pending = runProgram({ file: path.join(dir, 'loop.ts'), cwd: dir, signal: controller.signal, budgets: { virtualTimeMs: 1e12 } });
    setTimeout(() => controller.abort(), 300);
    const r = await pending;
    assert.match(r.trace.meta.truncated?.reason ?? '', /cancelled/);
  });
});
