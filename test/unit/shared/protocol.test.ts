import assert from 'node:assert/strict';
import { asCompareState, type RaceReport } from '../../../src/shared/protocol';

/** A saved Find races panel, as the webview's setState keeps it. */
const races = (): RaceReport => ({
  headline: 'race.ts: 200 runs, 2 outcomes',
  outcomes: [
    { label: 'default schedule', count: 173, frequency: 0.865, schedule: 'default', shown: true },
    { label: 'prints "total 180"', count: 27, frequency: 0.135, schedule: 'late@1', shown: true },
  ],
  divergence: { t: 12, description: 'default runs transfer #2, late@1 runs transfer #1' },
  shownSchedules: ['default', 'late@1'],
});

describe('protocol: saved compare state', () => {
  it('keeps a comparison of two files and a Find races panel of one', () => {
    assert.deepEqual(asCompareState({ compareSources: ['file:///a.ts', 'file:///b.ts'] }), { compareSources: ['file:///a.ts', 'file:///b.ts'] });
    const state = asCompareState({ compareSources: ['file:///race.ts'], races: races() });
    assert.equal(state?.races?.outcomes.length, 2);
    assert.deepEqual(state?.races?.shownSchedules, ['default', 'late@1']);
  });

  it('refuses a comparison of one file without a race report, and sources that are not strings', () => {
    assert.equal(asCompareState({ compareSources: ['file:///a.ts'] }), undefined);
    assert.equal(asCompareState({ compareSources: ['file:///a.ts', 3] }), undefined);
    assert.equal(asCompareState(null), undefined);
  });

  it('refuses a race report whose outcomes, divergence or note are malformed, instead of drawing it', () => {
    const malformed: Array<[string, (r: Record<string, unknown>) => void]> = [
      ['an outcome without a count', (r) => { delete (r.outcomes as Record<string, unknown>[])[1].count; }],
      ['an outcome that is a string', (r) => { (r.outcomes as unknown[])[0] = 'default'; }],
      ['a label that is an object', (r) => { (r.outcomes as Record<string, unknown>[])[0].label = { html: '<b>' }; }],
      ['a frequency that is NaN', (r) => { (r.outcomes as Record<string, unknown>[])[0].frequency = Number.NaN; }],
      ['a divergence without a time', (r) => { r.divergence = { description: 'x' }; }],
      ['a note that is a number', (r) => { r.note = 3; }],
      ['no shown schedules', (r) => { r.shownSchedules = []; }],
    ];
    for (const [what, spoil] of malformed) {
      const report = races() as unknown as Record<string, unknown>;
      spoil(report);
      assert.equal(asCompareState({ compareSources: ['file:///race.ts'], races: report }), undefined, what);
    }
  });
});
