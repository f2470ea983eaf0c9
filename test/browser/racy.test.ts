/**
 * Racy ties on the timeline (issue 10): a top-level setTimeout(0) against setImmediate, from the
 * real engine with the default seed and with the seed that flips the tie. The timers lane carries
 * a "racy" marker whose hover card says both outcomes, which one the run shows and the seed that
 * shows the other. Screenshots: .test-output/screenshots/racy-tie-*.png.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { EventKind, type TraceFile } from '../../src/core/trace/format';
import { buildTimeline, MarkerKind, type TimelineModel } from '../../src/core/viewmodel/index';
import { ensureBuilt, launch, openTrace, screenshot, traceOfSample } from './harness';

/** Hovers the lane's first racy marker and returns the tooltip's text. */
async function hoverRacyMarker(page: Page, model: TimelineModel): Promise<string> {
  const lane = model.lanes.timersLane;
  const markers = model.lanes.lanes[lane].markers;
  const m = markers.kind.indexOf(MarkerKind.Racy);
  assert.ok(m >= 0, 'a racy marker on the timers lane');
  const canvas = (await page.locator('.tl-canvas-wrap canvas').boundingBox())!;
  const row = (await page.locator(`.tl-label[data-lane="${lane}"]`).boundingBox())!;
  // Markers sit at the centre of their step (scene.ts stepCenterPx): x + 0.5 on the compressed axis.
  const px = await page.evaluate((x) => (window as any).asyncTimeline.pxOfX(x), markers.x[m] + (model.axis.mode === 'linear' ? 0 : 0.5));
  await page.mouse.move(canvas.x + px, row.y + row.height / 2);
  await page.waitForSelector('.tl-tooltip:not([hidden])');
  return page.locator('.tl-tooltip').innerText();
}

describe('racy ties on the timeline in Chromium', function () {
  this.timeout(120000);
  let context: BrowserContext;
  before(async () => {
    ensureBuilt();
    context = await launch();
  });
  after(async () => context?.close());

  for (const seed of [0, 1]) {
    it(`marks the top-level setTimeout(0) against setImmediate and explains both orders (seed ${seed})`, async () => {
      const trace: TraceFile = traceOfSample('test/browser/fixtures/racy-tie.ts', ['--seed', String(seed)], `racy-tie-seed${seed}`);
      const ties = trace.events.kind.filter((k) => k === EventKind.RacyTie).length;
      assert.equal(ties, 1, 'one racy tie recorded');
      const printed = trace.events.kind.flatMap((k, i) => (k === EventKind.Console ? [trace.strings[trace.events.b[i]].trim()] : []));
      assert.deepEqual(printed, seed === 0 ? ['main', 'timeout', 'immediate'] : ['main', 'immediate', 'timeout']);
      const model = buildTimeline(trace);
      const { page, errors } = await openTrace(context, `racy-tie-seed${seed}`, trace);
      try {
        await page.setViewportSize({ width: 1300, height: 700 });
        await page.waitForTimeout(200);
        await screenshot(page, `racy-tie-seed${seed}-marker`);
        const tip = await hoverRacyMarker(page, model);
        assert.match(tip, /racy: setTimeout\(0\) against setImmediate at the first loop iteration/);
        assert.match(tip, seed === 0 ? /this run: the timer runs first/ : /this run: the immediate runs first/);
        assert.match(tip, seed === 0 ? /also possible in real Node: the immediate runs first/ : /also possible in real Node: the timer runs first/);
        assert.match(tip, new RegExp(`--seed ${seed ^ 1} shows the other order`));
        assert.match(tip, /racy-tie\.ts:4:1/, 'the setTimeout call’s place');
        await screenshot(page, `racy-tie-seed${seed}`);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }
});
