/**
 * "Colour by" an AsyncLocalStorage (issue 10): samples/request-context.ts, an HTTP server that
 * runs each request in `requestContext.run({ requestId }, …)`. The toolbar offers the storage by
 * its place; chosen, each task's bars take the colour of its request's store, the legend lists
 * the request ids, and a store label is shown as text, never as markup.
 * Screenshots: .test-output/screenshots/als-colour-by-*.png.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { TraceFile } from '../../src/core/trace/format';
import { buildAlsColouring, buildTimeline } from '../../src/core/viewmodel/index';
import { STORE_COLOURS } from '../../src/webview/theme';
import { ensureBuilt, launch, openTrace, screenshot, traceOfSample } from './harness';

const hex = (rgb: number[]): string => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The opaque colours painted in a lane's row (canvas device pixels), as #rrggbb. */
async function rowColours(page: Page, lane: number): Promise<Set<string>> {
  const canvas = (await page.locator('.tl-canvas-wrap canvas').boundingBox())!;
  const row = (await page.locator(`.tl-label[data-lane="${lane}"]`).boundingBox())!;
  const pixels = await page.evaluate(({ top, height }) => {
    const c = document.querySelector('.tl-canvas-wrap canvas') as HTMLCanvasElement;
    const scale = c.width / c.getBoundingClientRect().width;
    const data = c.getContext('2d')!.getImageData(0, Math.round(top * scale), c.width, Math.round(height * scale)).data;
    const out: number[][] = [];
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255) out.push([data[i], data[i + 1], data[i + 2]]);
    return out;
  }, { top: row.y - canvas.y + 2, height: row.height - 4 });
  return new Set(pixels.map(hex));
}

describe('colour by AsyncLocalStorage in Chromium', function () {
  this.timeout(120000);
  let context: BrowserContext;
  let trace: TraceFile;
  before(async () => {
    ensureBuilt();
    context = await launch();
    trace = traceOfSample('samples/request-context.ts', [], 'als-request-context');
  });
  after(async () => context?.close());

  it('offers the storage by its place, colours each request’s tasks by its store, and lists the request ids', async () => {
    const model = buildTimeline(trace);
    const colouring = buildAlsColouring(trace, model.lanes, 1);
    assert.deepEqual(colouring.values, ["{ requestId: 'req-1' }", "{ requestId: 'req-2' }", "{ requestId: 'req-3' }"]);
    const { page, errors } = await openTrace(context, 'als-request-context', trace);
    try {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.waitForTimeout(200);
      const select = page.locator('select.tl-colour-by');
      assert.ok(await select.isVisible(), 'the Colour by control is shown for a run with AsyncLocalStorage');
      assert.deepEqual(await select.locator('option').allInnerTexts(), ['state (default)', 'AsyncLocalStorage at request-context.ts:12']);
      assert.equal(await page.locator('.tl-app').getAttribute('data-colour-by'), '0');

      // The three handle() tasks, one per request: which lane has which request.
      const handles = model.lanes.lanes.filter((l) => l.group === 'handle');
      assert.equal(handles.length, 3);
      const valueOf = handles.map((l) => {
        const values = new Set(colouring.segmentValue[l.index]);
        assert.equal(values.size, 1, `${l.label} runs (and waits) in one store`);
        return [...values][0];
      });
      assert.deepEqual([...valueOf].sort(), [0, 1, 2]);
      const before = await Promise.all(handles.map((l) => rowColours(page, l.index)));
      for (const colours of before) for (const c of STORE_COLOURS) assert.ok(!colours.has(c), 'by state: no store colour');

      await select.selectOption('1');
      await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement).dataset.colourBy === '1');
      await page.waitForTimeout(100);
      const legend = await page.locator('.tl-store-value').allInnerTexts();
      assert.deepEqual(legend.map((t) => t.trim()), ["{ requestId: 'req-1' }", "{ requestId: 'req-2' }", "{ requestId: 'req-3' }", 'no store']);
      await screenshot(page, 'als-colour-by-request');
      // Wide enough for the legend to stay in the toolbar row.
      await page.setViewportSize({ width: 2000, height: 900 });
      await page.waitForTimeout(200);
      await screenshot(page, 'als-colour-by-request-legend');
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.waitForTimeout(200);
      const after = await Promise.all(handles.map((l) => rowColours(page, l.index)));
      handles.forEach((l, i) => {
        const own = STORE_COLOURS[valueOf[i]];
        assert.ok(after[i].has(own), `${l.label} is painted in its request's colour ${own}`);
        for (const [v, other] of STORE_COLOURS.slice(0, 3).entries()) if (v !== valueOf[i]) assert.ok(!after[i].has(other), `${l.label} has no other request's colour`);
      });
      // The hover card of a bar names its store.
      const lane = handles[0];
      const seg = lane.segments;
      let widest = 0;
      for (let j = 1; j < seg.x0.length; j++) if (seg.x1[j] - seg.x0[j] > seg.x1[widest] - seg.x0[widest]) widest = j;
      const canvas = (await page.locator('.tl-canvas-wrap canvas').boundingBox())!;
      const row = (await page.locator(`.tl-label[data-lane="${lane.index}"]`).boundingBox())!;
      const px = await page.evaluate((x) => (window as any).asyncTimeline.pxOfX(x), (seg.x0[widest] + seg.x1[widest]) / 2);
      await page.mouse.move(canvas.x + px, row.y + row.height / 2);
      await page.waitForSelector('.tl-tooltip:not([hidden])');
      assert.match(await page.locator('.tl-tooltip').innerText(), new RegExp(`AsyncLocalStorage at request-context\\.ts:12: \\{ requestId: 'req-${valueOf[0] + 1}' \\}`));

      // The choice is remembered with the view, and "state" puts the state colours back.
      assert.equal(await page.evaluate(() => (window as any).asyncTimeline.state().colourBy), 1);
      await select.selectOption('0');
      await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement).dataset.colourBy === '0');
      assert.equal(await page.locator('.tl-store-value').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('shows a store label from the trace as text, not markup', async () => {
    const evil: TraceFile = JSON.parse(JSON.stringify(trace));
    const i = evil.strings.indexOf("{ requestId: 'req-1' }");
    evil.strings[i] = '<img src=x onerror="window.__pwned=1">';
    const { page, errors } = await openTrace(context, 'als-markup', evil);
    try {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.locator('select.tl-colour-by').selectOption('1');
      await page.waitForSelector('.tl-store-value', { state: 'attached' });
      assert.equal(await page.locator('.tl-legend img').count(), 0);
      assert.equal((await page.locator('.tl-store-value').first().textContent())?.trim(), '<img src=x onerror="window.__pwned=1">');
      assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('has no Colour by control for a run without AsyncLocalStorage', async () => {
    const plain = traceOfSample('samples/hello-async.ts', [], 'als-none-hello');
    const { page } = await openTrace(context, 'als-none', plain);
    try {
      assert.equal(await page.locator('select.tl-colour-by').isVisible(), false);
    } finally {
      await page.close();
    }
  });
});
