/**
 * The racy tie of two timers due in the same millisecond across a clock tick
 * (RacyTieKind.TimersAcrossClockTick, src/core/runtime/timers.ts tiedRival): `setTimeout(f, 5)`,
 * 1 ms of synchronous work, `setTimeout(g, 4)`. Both are due at 5 ms in the simulation; real Node
 * runs f first when its clock ticked as often, g first when it ticked once less. Recorded, marked,
 * explained, and flipped by the seed; not recorded when the two timers were made in different
 * loop iterations (waiting on the loop only ever makes the real gap larger) or due apart.
 */
import assert from 'node:assert/strict';
import { runProgram } from '../../../src/core/engine/run';
import { EventKind, RacyOutcome, RacyTieKind, type TraceFile } from '../../../src/core/trace/format';
import { buildTimeline, MarkerKind, racyTieLines } from '../../../src/core/viewmodel/index';
import { distReady, tempProgram } from './helpers';

const BUSY = 'const end = Date.now() + 1;\nwhile (Date.now() < end);\n';
const TIE = `setTimeout(() => console.log('f'), 5);\n${BUSY}setTimeout(() => console.log('g'), 4);\n`;

async function run(source: string, seed = 0): Promise<{ stdout: string; trace: TraceFile }> {
  const dir = tempProgram({ 'tie.js': source });
  let stdout = '';
  const r = await runProgram({ file: 'tie.js', cwd: dir, seed, onOutput: (s, t) => { if (s === 'stdout') stdout += t; } });
  return { stdout, trace: r.trace };
}

function ties(trace: TraceFile): [number, number, string, number][] {
  const { kind, a, b, c, t } = trace.events;
  const out: [number, number, string, number][] = [];
  for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.RacyTie) out.push([a[i], b[i], trace.sites[c[i]]?.label ?? '', t[i]]);
  return out;
}

describe('racy tie: timers due in the same millisecond across a clock tick', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('is recorded with the later timer’s place; by default the older timer runs first', async () => {
    const r = await run(TIE);
    assert.equal(r.stdout, 'f\ng\n');
    assert.deepEqual(ties(r.trace), [[RacyTieKind.TimersAcrossClockTick, RacyOutcome.Default, 'setTimeout(4)', 5]]);
    const model = buildTimeline(r.trace);
    const markers = model.lanes.lanes[model.lanes.timersLane].markers;
    assert.equal([...markers.kind].filter((k) => k === MarkerKind.Racy).length, 1);
    const seq = r.trace.events.kind.indexOf(EventKind.RacyTie);
    const lines = racyTieLines(r.trace, seq);
    assert.match(lines[0], /racy: setTimeout\(4\) against an older timer due in the same millisecond/);
    assert.match(lines[1], /this run: the older timer runs first/);
    assert.match(lines[2], /also possible in real Node: this timer runs first/);
    assert.match(lines[4], /--seed 1 shows the other order/);
  });

  it('--seed 1 flips it: the later timer (shorter delay) runs first', async () => {
    const r = await run(TIE, 1);
    assert.equal(r.stdout, 'g\nf\n');
    assert.deepEqual(ties(r.trace).map(([k, o]) => [k, o]), [[RacyTieKind.TimersAcrossClockTick, RacyOutcome.Flipped]]);
  });

  it('is not a tie without the clock tick, across loop iterations, or for timers due apart', async () => {
    // One delay (one list: creation order, always); due 1 ms apart after the tick (a tick fewer
    // makes them equal: the older first, as here); made in different loop iterations.
    for (const source of [
      "setTimeout(() => console.log('f'), 5);\nsetTimeout(() => console.log('g'), 5);\n",
      `setTimeout(() => console.log('f'), 6);\n${BUSY}setTimeout(() => console.log('g'), 4);\n`,
      "setTimeout(() => console.log('f'), 5);\nsetTimeout(() => setTimeout(() => console.log('g'), 4), 1);\n",
    ]) {
      const r = await run(source);
      assert.deepEqual(ties(r.trace), [], source);
    }
  });
});
