/**
 * "A timeline panel you can live in" (issue 14): layout, navigation, honest states, keyboard
 * and screen-reader access, in headless Chromium, with the webview as VS Code hosts it (fake
 * host, real protocol) and the real colours of VS Code's themes.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { TraceFile } from '../../src/core/trace/format';
import { SegState } from '../../src/core/viewmodel/lanes';
import { buildConsole } from '../../src/core/viewmodel/summary';
import { STYLES } from '../../src/webview/draw-lanes';
import { ensureBuilt, launch, screenshot, traceOfSample } from './harness';
import { openHosted, showTrace, themeColours, type HostedPage, type ThemeName } from './webview-page';

const ORDERS = 'test/browser/fixtures/orders.ts';
const AXIS_H = 42;
const ROW_H = 24;

interface Layout { scrollTop: number; pinned: number; rows: number; selectedLane: number; viewStart: number; viewEnd: number; widthPx: number; axisMode: string }
const layout = (page: Page): Promise<Layout> => page.evaluate(() => (window as any).asyncTimeline.layout());

/** Every label's offset from the canvas top against the row geometry the canvas draws with. */
async function misalignedLabels(page: Page): Promise<string[]> {
  return page.evaluate(({ AXIS_H, ROW_H }) => {
    const canvas = document.querySelector('.tl-canvas-wrap canvas')!.getBoundingClientRect();
    const { scrollTop, pinned } = (window as any).asyncTimeline.layout();
    const bad: string[] = [];
    const column = document.querySelector('.tl-labels') as HTMLElement;
    if (column.scrollTop !== 0) bad.push(`the name column is scrolled by ${column.scrollTop}px`);
    for (const el of document.querySelectorAll<HTMLElement>('.tl-labels [data-row]')) {
      const row = Number(el.dataset.row);
      const expected = row < pinned ? AXIS_H + row * ROW_H : AXIS_H + row * ROW_H - scrollTop;
      const actual = el.getBoundingClientRect().top - canvas.top;
      if (Math.abs(actual - expected) > 0.5) bad.push(`row ${row} "${el.textContent}" at ${actual.toFixed(1)} instead of ${expected}`);
    }
    return bad;
  }, { AXIS_H, ROW_H });
}

describe('a timeline panel you can live in', function () {
  let context: BrowserContext;
  let orders: TraceFile;
  let entry: TraceFile;
  let hello: TraceFile;

  before(async () => {
    ensureBuilt();
    orders = traceOfSample(ORDERS, [], 'orders');
    entry = traceOfSample(ORDERS, ['--entry', 'processAll', '--args', '[4]'], 'orders-entry');
    hello = traceOfSample('samples/hello-async.ts');
    context = await launch();
  });
  after(async () => {
    await context?.close();
  });

  describe('layout and navigation', () => {
    let h: HostedPage;
    before(async () => {
      h = await openHosted(context, 'panel-layout', { viewport: { width: 1100, height: 700 } });
      await showTrace(h, orders);
    });
    after(() => h.page.close());

    it('has more lanes than fit: a real scroll case', async () => {
      const l = await layout(h.page);
      assert.ok(l.rows > 25, `${l.rows} rows`);
    });

    it('lane names stay on their lanes while Tab walks the panel, and after a resize', async () => {
      const { page } = h;
      // Scroll so that a group header is half hidden, as in the review, then Tab through everything.
      await page.locator('canvas').hover();
      await page.mouse.wheel(0, 5 * ROW_H + 11);
      await page.locator('canvas').focus();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        assert.deepEqual(await misalignedLabels(page), [], `after ${i + 1} × Tab (focus on ${await page.evaluate(() => document.activeElement?.className || document.activeElement?.tagName)})`);
      }
      await page.setViewportSize({ width: 700, height: 460 });
      await page.waitForTimeout(150);
      assert.deepEqual(await misalignedLabels(page), [], 'after a resize');
      await page.setViewportSize({ width: 1100, height: 700 });
      await page.waitForTimeout(150);
      assert.deepEqual(await misalignedLabels(page), [], 'after resizing back');
    });

    it('a collapse button brought into view by Tab scrolls the lanes with it', async () => {
      const { page } = h;
      await page.evaluate(() => { (window as any).asyncTimeline.setCursor(-1); });
      const l0 = await layout(page);
      // Focus the group button programmatically after scrolling it half out of view: the browser scrolls its column.
      await page.evaluate(() => {
        const column = document.querySelector('.tl-labels') as HTMLElement;
        column.scrollTop = 30;
        column.dispatchEvent(new Event('scroll'));
      });
      await page.waitForTimeout(50);
      const l1 = await layout(page);
      assert.equal(l1.scrollTop, Math.min(l0.scrollTop + 30, l1.scrollTop), 'the column’s scroll became the lanes’ scroll');
      assert.deepEqual(await misalignedLabels(page), []);
    });

    it('the wheel scrolls (Shift+wheel pans), Ctrl+wheel zooms around the pointer, also over the names', async () => {
      const { page } = h;
      const box = (await page.locator('.tl-canvas-wrap canvas').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + 200);
      await page.evaluate(() => (window as any).asyncTimeline.fit());
      let before = await layout(page);
      await page.mouse.wheel(0, 120);
      let after = await layout(page);
      assert.ok(after.scrollTop > before.scrollTop, 'plain wheel scrolls the lanes down');
      assert.equal(after.viewStart, before.viewStart, 'and does not zoom or pan');
      before = after;
      await page.keyboard.down('Shift');
      await page.mouse.wheel(0, 200);
      await page.keyboard.up('Shift');
      after = await layout(page);
      assert.equal(after.scrollTop, before.scrollTop, 'Shift+wheel does not scroll vertically');
      assert.notEqual(after.viewStart, before.viewStart, 'Shift+wheel pans in time');
      before = after;
      const pointerX = box.width * 0.6;
      const xUnder = before.viewStart + (pointerX / before.widthPx) * (before.viewEnd - before.viewStart);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -200);
      await page.keyboard.up('Control');
      after = await layout(page);
      assert.ok(after.viewEnd - after.viewStart < before.viewEnd - before.viewStart, 'Ctrl+wheel up zooms in');
      const xAfter = after.viewStart + (pointerX / after.widthPx) * (after.viewEnd - after.viewStart);
      // Within a pixel (the pointer's position is whole pixels).
      assert.ok(Math.abs(xAfter - xUnder) < (before.viewEnd - before.viewStart) / before.widthPx, `around the pointer: ${xUnder} → ${xAfter} (${JSON.stringify({ before, after, pointerX })})`);
      assert.equal(after.scrollTop, before.scrollTop);
      // A pinch arrives as a wheel event with ctrlKey (Chromium): same as Ctrl+wheel.
      await page.locator('.tl-canvas-wrap canvas').dispatchEvent('wheel', { deltaY: 50, ctrlKey: true, clientX: box.x + 100, clientY: box.y + 100 });
      const pinched = await layout(page);
      assert.ok(pinched.viewEnd - pinched.viewStart > after.viewEnd - after.viewStart, 'pinch out zooms out');
      // Over the names: the wheel scrolls the lanes too.
      const labels = (await page.locator('.tl-labels').boundingBox())!;
      await page.mouse.move(labels.x + 40, labels.y + 200);
      before = await layout(page);
      await page.mouse.wheel(0, -48);
      after = await layout(page);
      assert.ok(before.scrollTop > 0 && after.scrollTop < before.scrollTop, `over the names: ${before.scrollTop} → ${after.scrollTop}`);
      assert.deepEqual(await misalignedLabels(page), []);
    });

    it('the name column can be widened; names show in full on hover (title)', async () => {
      const { page } = h;
      const label = page.locator('.tl-label[data-task-name^="processOrder"]').first();
      assert.equal(await label.getAttribute('title'), await label.innerText().then((t) => t.trim()));
      const width0 = (await page.locator('.tl-labels').boundingBox())!.width;
      const sep = page.locator('.tl-splitter-vertical');
      const s = (await sep.boundingBox())!;
      await page.mouse.move(s.x + 0.5, s.y + 100);
      await page.mouse.down();
      await page.mouse.move(s.x + 260, s.y + 100, { steps: 5 });
      await page.mouse.up();
      const width1 = (await page.locator('.tl-labels').boundingBox())!.width;
      assert.ok(width1 > width0 + 200, `${width0} → ${width1}`);
      const text = page.locator('.tl-label[data-task-name^="processOrder"] .tl-label-text').first();
      assert.ok(await text.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'the full name fits now');
      // Keyboard: the separator takes ← →.
      await sep.focus();
      await page.keyboard.press('ArrowLeft');
      const width2 = (await page.locator('.tl-labels').boundingBox())!.width;
      assert.ok(width2 < width1);
      await page.waitForFunction((w) => (window as any).__state?.labelWidth === w, Math.round(width2));
    });

    it('the split between lanes and bottom panes drags, collapses, and is remembered', async () => {
      const { page } = h;
      const bottom0 = (await page.locator('.tl-bottom').boundingBox())!.height;
      const bar = (await page.locator('.tl-splitter-horizontal').boundingBox())!;
      await page.mouse.move(bar.x + 50, bar.y + 2);
      await page.mouse.down();
      await page.mouse.move(bar.x + 50, bar.y - 100, { steps: 5 });
      await page.mouse.up();
      const bottom1 = (await page.locator('.tl-bottom').boundingBox())!.height;
      assert.ok(Math.abs(bottom1 - (bottom0 + 100)) < 3, `${bottom0} → ${bottom1}`);
      await page.waitForFunction((b) => Math.abs((window as any).__state?.bottomSize - b) < 2, bottom1);
      await page.locator('.tl-collapse-bottom').click();
      assert.equal(await page.locator('.tl-bottom').isHidden(), true);
      const lanesTall = (await page.locator('.tl-canvas-wrap').boundingBox())!.height;
      await page.waitForFunction(() => (window as any).__state?.bottomCollapsed === true);
      const saved = await h.state();
      // A reload (the webview restored from its state): the same layout.
      const again = await openHosted(context, 'panel-layout-restored', { state: saved, viewport: { width: 1100, height: 700 } });
      await showTrace(again, orders, { state: saved });
      assert.equal(await again.page.locator('.tl-bottom').isHidden(), true, 'still collapsed');
      assert.ok(Math.abs((await again.page.locator('.tl-canvas-wrap').boundingBox())!.height - lanesTall) < 2);
      assert.equal(Math.round((await again.page.locator('.tl-labels').boundingBox())!.width), saved.labelWidth);
      await again.page.locator('.tl-collapse-bottom').click();
      assert.ok(Math.abs((await again.page.locator('.tl-bottom').boundingBox())!.height - bottom1) < 2, 'restored at its size');
      // Keyboard: Enter on the separator collapses and restores.
      await again.page.locator('.tl-splitter-horizontal').focus();
      await again.page.keyboard.press('Enter');
      assert.equal(await again.page.locator('.tl-bottom').isHidden(), true);
      await again.page.keyboard.press('Enter');
      assert.equal(await again.page.locator('.tl-bottom').isHidden(), false);
      await again.page.close();
      await page.locator('.tl-collapse-bottom').click();
    });

    it('console lines are not cut: the pane scrolls sideways; a click never scrolls it away', async () => {
      const { page } = h;
      const line = page.locator('.tl-console li', { hasText: 'order 3 processed' }).first();
      const full = await line.getAttribute('title');
      assert.ok(full && (await line.innerText()).includes(full), 'the whole text is in the line');
      const scroller = page.locator('.tl-console-scroll');
      assert.ok(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth), 'the pane scrolls horizontally');
      await scroller.evaluate((el) => { el.scrollTop = 18 * 12; });
      await page.waitForTimeout(50);
      const top0 = await scroller.evaluate((el) => el.scrollTop);
      const visible = page.locator('.tl-console li[data-index="15"]');
      const y0 = (await visible.boundingBox())!.y;
      await visible.click();
      assert.equal(await scroller.evaluate((el) => el.scrollTop), top0, 'the list did not move');
      assert.equal(await page.locator('.tl-console li[data-index="15"]').getAttribute('aria-current'), 'step');
      assert.equal((await page.locator('.tl-console li[data-index="15"]').boundingBox())!.y, y0);
    });

    it('the toolbar stays one row in a narrow panel; the rest is in the ⋯ menu', async () => {
      const { page } = h;
      await page.setViewportSize({ width: 480, height: 700 });
      await page.waitForTimeout(200);
      const bar = (await page.locator('.tl-toolbar').boundingBox())!;
      assert.ok(bar.height < 34, `toolbar ${bar.height}px tall`);
      const more = page.locator('.tl-toolbar .tl-more');
      assert.equal(await more.isVisible(), true);
      await more.click();
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      const menu = page.locator('.tl-toolbar-menu');
      assert.ok(await menu.locator('button, select').count() > 0);
      await page.keyboard.press('Escape');
      assert.equal(await menu.isHidden(), true);
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tl-more')), true, 'focus back on ⋯');
      await screenshot(page, 'panel-narrow-toolbar');
      await page.setViewportSize({ width: 1700, height: 700 });
      await page.waitForTimeout(200);
      assert.equal(await more.isVisible(), false, 'all controls fit again in a wide panel');
      await page.setViewportSize({ width: 1100, height: 700 });
      await page.waitForTimeout(200);
    });

    it('the time axis toggles between compressed and linear (the buttons say which is on)', async () => {
      const { page } = h;
      const linear = page.locator('button', { hasText: 'Linear' });
      const compressed = page.locator('button', { hasText: 'Compressed' });
      assert.equal(await compressed.getAttribute('aria-pressed'), 'true');
      assert.match(await page.locator('.tl-labels-axis').innerText(), /time: compressed/);
      await linear.click();
      assert.equal((await layout(page)).axisMode, 'linear');
      assert.equal(await linear.getAttribute('aria-pressed'), 'true');
      assert.equal(await compressed.getAttribute('aria-pressed'), 'false');
      assert.match(await page.locator('.tl-labels-axis').innerText(), /time: linear/);
      await page.waitForFunction(() => (window as any).__state?.axisMode === 'linear');
      await screenshot(page, 'panel-linear-axis');
      await page.locator('button', { hasText: 'Compressed' }).click();
      assert.equal((await layout(page)).axisMode, 'compressed');
      assert.deepEqual(h.errors, []);
    });
  });

  describe('a visualized function: its call first, the rest as context', () => {
    let h: HostedPage;
    before(async () => {
      h = await openHosted(context, 'panel-entry', { viewport: { width: 1100, height: 700 } });
      await showTrace(h, entry);
    });
    after(() => h.page.close());

    it('the entry call is the first lane, pinned and marked; the module’s own run is one collapsed row', async () => {
      const { page } = h;
      const labels = await page.locator('.tl-labels [role=listitem]').allInnerTexts();
      assert.equal(labels.length, 2, labels.join(' | '));
      assert.match(labels[0], /processAll/);
      assert.match(labels[1], /^▸ module top level \(context\)/);
      assert.equal(await page.locator('.tl-label.tl-entry.tl-pinned').count(), 1);
      assert.match(await page.locator('.tl-summary').innerText(), /processAll\(\)/);
      await page.locator('.tl-label.tl-context button').click();
      const expanded = await page.locator('.tl-labels [role=listitem]').count();
      assert.ok(expanded > 10, `${expanded} rows once expanded`);
      // Scrolling moves the context, never the pinned entry lane.
      const pinnedTop = (await page.locator('.tl-label.tl-entry').boundingBox())!.y;
      await page.locator('canvas').hover();
      await page.mouse.wheel(0, 200);
      assert.equal((await page.locator('.tl-label.tl-entry').boundingBox())!.y, pinnedTop);
      assert.deepEqual(await misalignedLabels(page), []);
      await page.waitForFunction(() => (window as any).__state?.contextCollapsed === false);
    });
  });

  describe('honest states', () => {
    let h: HostedPage;
    beforeEach(async () => {
      h = await openHosted(context, 'panel-states');
    });
    afterEach(() => h.page.close());

    it('a run in progress shows progress from the first moment, not "Nothing has run yet"', async () => {
      await h.send({ type: 'runStatus', status: 'running', file: 'cpu.ts' });
      await h.send({ type: 'init', trace: null });
      assert.match(await h.page.locator('.tl-fatal').innerText(), /Running cpu\.ts…/);
      assert.equal(await h.page.locator('[role=progressbar]').isVisible(), true);
      assert.equal(await h.page.locator('[role=progressbar]').getAttribute('aria-label'), 'Running cpu.ts');
      await h.page.locator('.tl-progress button', { hasText: 'Stop' }).click();
      await h.page.waitForFunction(() => ((window as any).__posted as { type: string }[]).some((m) => m.type === 'cancelRun'));
      await showTrace(h, hello);
      await h.send({ type: 'runStatus', status: 'finished', file: 'cpu.ts' });
      assert.equal(await h.page.locator('[role=progressbar]').count(), 0);
    });

    it('a budget stop says which budget, once, and offers “Continue for longer”', async () => {
      const truncated = { ...hello, meta: { ...hello.meta, truncated: { reason: 'budget: synchronous code ran longer than 200 ms of real time in a loop at cpu.ts:4:3' } } };
      await showTrace(h, truncated);
      const message = 'Stopped by the real-time budget: synchronous code ran longer than 200 ms at cpu.ts:4:3. It may be slow rather than endless; the timeline shows the run up to there.';
      await h.send({ type: 'runStatus', status: 'failed', file: 'cpu.ts', message, stop: { kind: 'realTime', message }, canContinue: true });
      const stops = h.page.locator('.tl-banner[data-kind=stop]');
      assert.equal(await stops.count(), 1, 'one banner for the stop');
      assert.match(await stops.innerText(), /real-time budget/);
      await stops.locator('button', { hasText: 'Continue for longer' }).click();
      await h.page.waitForFunction(() => ((window as any).__posted as { type: string }[]).some((m) => m.type === 'continueRun'));
    });

    it('a run that replayed outside hosts says from which recording, and offers “Record again”', async () => {
      const replayed = { ...hello, meta: { ...hello.meta, network: { mode: 'record-missing' as const, recording: '.async-timeline/recordings/hello-async.ts.json', recordedAt: '2026-11-29T19:00:00.000Z', replayed: 3, recorded: 0 } } };
      await showTrace(h, replayed);
      const banner = h.page.locator('.tl-banner[data-kind=network]');
      assert.equal(await banner.count(), 1);
      assert.match(await banner.innerText(), /^3 requests replayed from a recording of 2026-11-29 \(\.async-timeline\/recordings\/hello-async\.ts\.json\)\./);
      await banner.locator('button', { hasText: 'Record again' }).click();
      await h.page.waitForFunction(() => ((window as any).__posted as { type: string }[]).some((m) => m.type === 'recordAgain'));
      // A run without outside requests says nothing about the network.
      await showTrace(h, hello);
      assert.equal(await h.page.locator('.tl-banner[data-kind=network]').count(), 0);
    });

    it('a cancel says the same thing in the banner and the status line', async () => {
      const truncated = { ...hello, meta: { ...hello.meta, truncated: { reason: 'cancelled' } } };
      await showTrace(h, truncated);
      const message = 'Run cancelled: the timeline shows the run up to the moment it was stopped.';
      await h.send({ type: 'runStatus', status: 'cancelled', file: 'busy.ts', message, stop: { kind: 'cancel', message } });
      assert.equal((await h.page.locator('.tl-banner[data-kind=stop]').innerText()).trim(), message);
      assert.equal((await h.page.locator('.tl-status').innerText()).trim(), message);
      assert.equal(await h.page.locator('.tl-banner', { hasText: /budget/ }).count(), 0);
    });

    it('a shown run that is not the current text’s is marked out of date, with Re-run', async () => {
      await showTrace(h, hello);
      await h.send({ type: 'stale', stale: true, reason: 'the last run failed; this timeline is from the run before it.' });
      const banner = h.page.locator('.tl-banner[data-kind=stale]');
      assert.match(await banner.innerText(), /^Out of date: the last run failed/);
      assert.match(await h.page.locator('.tl-summary').innerText(), /out of date/);
      await banner.locator('button', { hasText: 'Re-run' }).click();
      await h.page.waitForFunction(() => ((window as any).__posted as { type: string }[]).some((m) => m.type === 'rerun'));
      await h.send({ type: 'stale', stale: false });
      await banner.waitFor({ state: 'detached' });
      assert.equal(await banner.count(), 0);
      assert.doesNotMatch(await h.page.locator('.tl-summary').innerText(), /out of date/);
    });
  });

  describe('keyboard and screen reader', () => {
    let h: HostedPage;
    before(async () => {
      h = await openHosted(context, 'panel-keyboard', { viewport: { width: 1100, height: 700 } });
      await showTrace(h, orders);
    });
    after(() => h.page.close());

    it('Tab reaches every control, each named and with a visible focus ring; no hidden tab stops', async () => {
      const { page } = h;
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const seen: { what: string; name: string; ring: boolean }[] = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || /0px 0px 0px 2px inset/.test(style.boxShadow);
          const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
          const hidden = el.closest('[aria-hidden=true]') !== null;
          return { what: `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}${el.getAttribute('role') ? `[${el.getAttribute('role')}]` : ''}`, name, ring, hidden };
        });
        if (!info) break;
        assert.equal(info.hidden, false, `${info.what} is a tab stop inside aria-hidden`);
        if (seen.some((s) => s.what === info.what && s.name === info.name)) break;
        seen.push(info);
      }
      const kinds = seen.map((s) => s.what).join(' ');
      for (const want of ['canvas', 'button', 'separator', 'tab', 'li']) assert.match(kinds, new RegExp(want), `reached a ${want}: ${kinds}`);
      for (const s of seen) {
        assert.ok(s.name.length > 0, `${s.what} has no accessible name`);
        assert.ok(s.ring, `${s.what} "${s.name.slice(0, 30)}" has no visible focus ring`);
      }
    });

    it('↑ ↓ on the canvas move from lane to lane; the tasks table follows and leads', async () => {
      const { page } = h;
      await page.locator('canvas').focus();
      await page.keyboard.press('Home');
      const lane0 = (await layout(page)).selectedLane;
      await page.keyboard.press('ArrowDown');
      const lane1 = (await layout(page)).selectedLane;
      assert.notEqual(lane1, lane0);
      await page.keyboard.press('ArrowDown');
      const lane2 = (await layout(page)).selectedLane;
      assert.notEqual(lane2, lane1);
      await page.keyboard.press('ArrowUp');
      assert.equal((await layout(page)).selectedLane, lane1, '↑ goes back');
      assert.equal(await page.locator('.tl-label[aria-current=true]').getAttribute('data-lane'), String(lane1), 'its name is marked');
      assert.match(await page.locator('.tl-status').innerText(), /Step \d+/);
      // The tasks table: the same lane is its selected row.
      await page.locator('[role=tab]', { hasText: 'Tasks' }).click();
      const selected = page.locator('.tl-task-table tbody tr[aria-selected=true]');
      assert.equal(await selected.getAttribute('data-lane'), String(lane1));
      assert.equal(await page.locator('.tl-task-table tbody tr').count(), Number(await page.getAttribute('.tl-app', 'data-lanes')));
      assert.match(await selected.innerText(), /running|waiting|queued|callback|calling|done|not started/);
      // And it leads: ↓ in the table selects the next lane on the canvas.
      await selected.focus();
      await page.keyboard.press('ArrowDown');
      const next = Number(await page.locator('.tl-task-table tbody tr:focus').getAttribute('data-lane'));
      assert.equal((await layout(page)).selectedLane, next);
    });

    it('the console is reachable and walkable by keyboard; the cursor follows', async () => {
      const { page } = h;
      const first = page.locator('.tl-console li[tabindex="0"]');
      assert.equal(await first.count(), 1, 'one tab stop in the console');
      await first.focus();
      const cursor0 = await page.getAttribute('.tl-app', 'data-cursor');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const focused = page.locator('.tl-console li:focus');
      assert.equal(await focused.getAttribute('aria-current'), 'step');
      assert.notEqual(await page.getAttribute('.tl-app', 'data-cursor'), cursor0);
      assert.match((await focused.getAttribute('aria-label'))!, /: /);
      await page.keyboard.press('End');
      assert.equal(await page.locator('.tl-console li:focus').getAttribute('data-index'), String(buildConsole(orders).length - 1));
    });

    it('every state is told apart by shape or pattern, not colour alone', () => {
      const states = [SegState.Running, SegState.Calling, SegState.Suspended, SegState.Queued, SegState.Blocked, SegState.Callback, SegState.Computing, SegState.Io];
      const shapes = states.map((s) => { const st = STYLES[s]; return `${st.y}/${st.h}/${st.outline ?? false}/${st.pattern ?? ''}/${st.edge ?? false}`; });
      assert.equal(new Set(shapes).size, states.length, shapes.join(' '));
    });
  });

  describe('contrast in VS Code’s own themes (WCAG 2.2 AA: text ≥ 4.5:1)', () => {
    const themes = themeColours();
    for (const name of Object.keys(themes) as ThemeName[]) {
      it(`${themes[name].theme}: every text in the panel, and the canvas’s text colours`, async () => {
        const h = await openHosted(context, `panel-contrast-${name}`, { theme: themes[name], viewport: { width: 1100, height: 700 } });
        try {
          await showTrace(h, orders);
          // Mid-run: lines printed and not printed yet, a selected lane, the tasks table, a stop banner.
          await h.page.evaluate(() => (window as any).asyncTimeline.setCursor(Math.floor(((window as any).asyncTimeline.layout().rows) * 3)));
          await h.send({ type: 'runStatus', status: 'failed', message: 'x', stop: { kind: 'realTime', message: 'Stopped by the real-time budget.' }, canContinue: true });
          await h.send({ type: 'stale', stale: true, reason: 'the file changed.' });
          // esbuild (tsx) names functions with a __name helper the page does not have.
          await h.page.evaluate('window.__name = (f) => f');
          const failures = await h.page.evaluate(contrastFailures);
          await h.page.locator('[role=tab]', { hasText: 'Tasks' }).click();
          failures.push(...await h.page.evaluate(contrastFailures));
          assert.deepEqual(failures, []);
        } finally {
          await h.page.close();
        }
      });
    }
  });

  describe('screenshots: 120 %-wide and 40 %-wide panels, 150 % zoom, light / dark / high contrast', () => {
    const themes = themeColours();
    const sizes = [
      { tag: 'wide', viewport: { width: 1536, height: 900 }, scale: 1 },
      { tag: 'narrow', viewport: { width: 512, height: 900 }, scale: 1 },
      // 150 % zoom: CSS pixels shrink by 1.5 on a 1280 × 800 panel.
      { tag: 'zoom150', viewport: { width: 853, height: 533 }, scale: 1.5 },
    ];
    for (const name of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
      for (const size of sizes) {
        it(`${name}, ${size.tag}`, async () => {
          const zoomed = await context.browser()!.newContext({ viewport: size.viewport, deviceScaleFactor: size.scale }).catch(() => null);
          const target = zoomed ?? context;
          const h = await openHosted(target, `panel-shot-${name}-${size.tag}`, { theme: themes[name], viewport: size.viewport });
          try {
            await showTrace(h, entry);
            await h.page.locator('.tl-label.tl-context button').click();
            await h.page.evaluate(() => (window as any).asyncTimeline.setCursor(40));
            await h.page.waitForTimeout(100);
            await screenshot(h.page, `panel-${name}-${size.tag}`);
            assert.deepEqual(h.errors, []);
          } finally {
            await h.page.close();
            await zoomed?.close();
          }
        });
      }
    }
  });
});

/**
 * Runs in the page: every visible text's colour against its effective background (ancestors'
 * backgrounds composited), WCAG contrast; plus the canvas's text colours (read from the same
 * CSS variables the canvas uses) on the backgrounds it draws them on. Returns the failures.
 */
function contrastFailures(): string[] {
  type RGBA = [number, number, number, number];
  const probe = document.createElement('canvas').getContext('2d')!;
  const parse = (css: string): RGBA => {
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = '#000';
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    const d = probe.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top: RGBA, bottom: RGBA): RGBA => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat(a) as RGBA;
  };
  const lum = (c: RGBA): number => {
    const ch = c.slice(0, 3).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const ratio = (a: RGBA, b: RGBA): number => { const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x); return (l1 + 0.05) / (l2 + 0.05); };
  const background = (el: Element): RGBA => {
    const layers: RGBA[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let c: RGBA = [255, 255, 255, 1];
    const body = parse(getComputedStyle(document.body).backgroundColor);
    if (body[3] > 0) c = over(body, c);
    for (const layer of layers.reverse()) c = over(layer, c);
    return c;
  };
  const failures: string[] = [];
  const walker = document.createTreeWalker(document.querySelector('.tl-app')!, NodeFilter.SHOW_TEXT);
  const checked = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || checked.has(el) || !(n.textContent ?? '').trim()) continue;
    checked.add(el);
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || el.closest('[hidden]') || rect.bottom < 0 || rect.top > innerHeight) continue;
    let opacity = 1;
    for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const bg = background(el);
    const fg = over([...parse(style.color).slice(0, 3), parse(style.color)[3] * opacity] as RGBA, bg);
    const r = ratio(fg, bg);
    if (r < 4.5) failures.push(`${r.toFixed(2)}:1 "${(n.textContent ?? '').trim().slice(0, 40)}" (${el.className || el.tagName}) ${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')})`);
  }
  // The canvas: muted labels on the background and on a gap, time labels, text on filled bars.
  const v = (name: string): RGBA => parse(getComputedStyle(document.body).getPropertyValue(name).trim());
  const bg = v('--tl-bg');
  const pairs: [string, RGBA, RGBA][] = [
    ['canvas: muted on background', v('--tl-muted'), bg],
    ['canvas: time labels', v('--tl-fg'), bg],
    ['canvas: gap label on the gap band', v('--tl-fg'), over(v('--tl-gap'), bg)],
  ];
  for (const [what, fg, back] of pairs) {
    const r = ratio(over(fg, back), back);
    if (r < 4.5) failures.push(`${r.toFixed(2)}:1 ${what}`);
  }
  // Text on a filled bar (blocked, computing): the background or foreground colour, whichever reads
  // better; below 4.5:1 the renderer puts it on a plate of the background (draw-lanes.ts textOn).
  for (const fill of ['--tl-blocked', '--tl-computing']) {
    const back = over(v(fill), bg);
    const best = Math.max(ratio(over(bg, back), back), ratio(over(v('--tl-fg'), back), back));
    const r = best >= 4.5 ? best : ratio(v('--tl-fg'), bg);
    if (r < 4.5) failures.push(`${r.toFixed(2)}:1 canvas: text on a ${fill} bar`);
  }
  // A hatched I/O bar's label sits on a plate of the background, in the foreground colour; the
  // hatch itself (its colour over the background) must stand out from the background as a shape (3:1).
  const ioText = ratio(over(v('--tl-fg'), bg), bg);
  if (ioText < 4.5) failures.push(`${ioText.toFixed(2)}:1 canvas: text on an I/O bar's plate`);
  const ioShape = ratio(over(v('--tl-io'), bg), bg);
  if (ioShape < 3) failures.push(`${ioShape.toFixed(2)}:1 canvas: the I/O hatch against the background (non-text, 3:1)`);
  return failures;
}
