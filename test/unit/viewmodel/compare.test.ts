import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TraceFile } from '../../../src/core/trace/format';
import { buildComparison, buildTimeline, causeRows, causesDifferText, compactRows, formatDelta, formatSpeedup, niceTicks, runHeadline, SegState } from '../../../src/core/viewmodel/index';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { formatComparisonTable } from '../../../src/cli/compare';
import { renderComparisonHtml } from '../../../src/core/export/html';
import { helloAsync, helloSync, twoWorkers } from './trace-builder';

describe('viewmodel/compare', () => {
  it('hello-sync vs hello-async: 3.00 s vs 1.00 s, async 3× faster', () => {
    const cmp = buildComparison([{ label: 'sync', trace: helloSync() }, { label: 'async', trace: helloAsync() }]);
    assert.deepEqual(cmp.runs.map((r) => r.endTime), [3000, 1000]);
    assert.equal(cmp.maxTime, 3000);
    assert.equal(cmp.slowest, 0);
    assert.equal(cmp.fastest, 1);
    assert.deepEqual(cmp.runs.map((r) => r.speedup), [1, 3]);
    assert.deepEqual(cmp.runs.map((r) => r.vsFirst), [1, 3]);
    assert.equal(runHeadline(cmp, 0), '3.00 s · slowest');
    assert.equal(runHeadline(cmp, 1), '1.00 s · 3.00× faster than the slowest');
    assert.deepEqual(cmp.runs.map((r) => [r.summary.tasks, r.summary.awaits]), [[4, 1], [4, 4]]);
  });

  it('time by cause side by side: the causes that differ between the runs are marked, with the difference', () => {
    // Traces the real engine recorded (test/fixtures/traces): their critical paths are the samples'.
    const real = (name: string): TraceFile => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'traces', `${name}.json`), 'utf8')) as TraceFile;
    const cmp = buildComparison([{ label: 'sync', trace: real('hello-sync') }, { label: 'async', trace: real('hello-async') }]);
    assert.deepEqual(cmp.runs.map((r) => r.byCause), [{ blocking: 3000 }, { timers: 1000 }]);
    assert.deepEqual(cmp.causes.map((c) => [c.cause, c.name, c.ms, c.delta, c.differs]), [
      ['timers', 'timers', [0, 1000], [0, 1000], true],
      ['blocking', 'blocking', [3000, 0], [0, -3000], true],
    ]);
    assert.equal(causesDifferText(cmp), 'Time by cause differs from sync: timers +1.00 s · blocking −3.00 s');
    const same = buildComparison([{ label: 'a', trace: real('hello-async') }, { label: 'b', trace: real('hello-async') }]);
    assert.deepEqual(same.causes.map((c) => [c.cause, c.ms, c.differs]), [['timers', [1000, 1000], false]]);
    assert.equal(causesDifferText(same), 'Time by cause: the same in every run');
    // Three runs: each difference names its run; below half a millisecond is rounding, not a difference.
    const rows = causeRows([{ byCause: { timers: 100, io: 5 } }, { byCause: { timers: 100.2, io: 5 } }, { byCause: { timers: 40, io: 5, network: 12 } }]);
    assert.deepEqual(rows.map((r) => [r.cause, r.differs]), [['timers', true], ['io', false], ['network', true]]);
    assert.equal(causesDifferText({ runs: [{ label: 'x' }, { label: 'y' }, { label: 'z' }] as never, causes: rows }), 'Time by cause differs from x: timers −60 ms (z) · network +12 ms (z)');
    assert.equal(formatDelta(0.2), '±0');
    assert.equal(buildComparison([{ label: 'only', trace: helloAsync() }]).causes.length, 1);
    assert.equal(causesDifferText(buildComparison([{ label: 'only', trace: helloAsync() }])), '');
  });

  it('one shared scale with round ticks', () => {
    assert.deepEqual(niceTicks(3000), [0, 500, 1000, 1500, 2000, 2500, 3000]);
    assert.deepEqual(niceTicks(230), [0, 50, 100, 150, 200]);
    assert.deepEqual(niceTicks(0), [0]);
  });

  it('says speed-ups in words, and handles equal and zero times', () => {
    assert.equal(formatSpeedup(3), '3.00× faster');
    assert.equal(formatSpeedup(0.5), '2.00× slower');
    assert.equal(formatSpeedup(1), 'as fast');
    const same = buildComparison([{ label: 'a', trace: helloAsync() }, { label: 'b', trace: helloAsync() }]);
    assert.equal(runHeadline(same, 0), '1.00 s · all runs take the same time');
    assert.deepEqual(same.fastestAll, [0, 1]);
    assert.equal(runHeadline(same, 1), '1.00 s · as fast as the slowest');
  });

  it('compact rows: each task in milliseconds (hello-sync blocks 0→1000, 1000→2000, 2000→3000)', () => {
    const { rows, hidden } = compactRows(buildTimeline(helloSync()));
    assert.equal(hidden, 0);
    const counts = rows.filter((r) => r.label.startsWith('count'));
    assert.deepEqual(counts.map((r) => r.state.map((s, i) => (s === SegState.Blocked ? [r.t0[i], r.t1[i]] : null)).filter(Boolean)),
      [[[0, 1000]], [[1000, 2000]], [[2000, 3000]]]);
    assert.equal(compactRows(buildTimeline(twoWorkers()), 3).hidden, 4);
  });

  it('CLI: parses compare with labels, and prints the table', () => {
    const a = parseArgs(['compare', 'a.ts', 'b.ts', '--label', 'sync', '--label', 'async', '--html', 'o.html']);
    assert.equal(a.command, 'compare');
    assert.deepEqual(a.files, ['a.ts', 'b.ts']);
    assert.deepEqual(a.labels, ['sync', 'async']);
    assert.equal(a.htmlPath, 'o.html');
    assert.throws(() => parseArgs(['compare', 'a.ts']), UsageError);
    assert.throws(() => parseArgs(['compare', 'a.ts', 'b.ts', '--label', 'x', '--label', 'y', '--label', 'z']), UsageError);
    assert.throws(() => parseArgs(['run', 'a.ts', '--label', 'x']), UsageError);
    const cmp = buildComparison([{ label: 'sync', trace: helloSync() }, { label: 'async', trace: helloAsync() }]);
    assert.equal(formatComparisonTable(cmp, ['a.ts', 'b.ts']), [
      'run    file  virtual time         speed-up',
      'sync   a.ts        3.00 s  1.00× (slowest)',
      'async  b.ts        1.00 s            3.00×',
      '',
    ].join('\n'));
  });

  it('the compare page embeds the runs as data, never as markup', () => {
    const html = renderComparisonHtml([{ label: '</script><b>x</b>', trace: helloAsync() }, { label: 'b', trace: helloSync() }],
      { assets: { js: '/*js*/', css: '/*css*/' }, nonce: 'n' });
    assert.match(html, /<script type="application\/json" id="async-timeline-comparison">/);
    assert.ok(!html.includes('</script><b>'));
    assert.match(html, /<title>Async Timeline — compare &lt;\/script&gt;&lt;b&gt;x&lt;\/b&gt; vs b<\/title>/);
  });
});
