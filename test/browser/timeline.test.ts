import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { TraceFile } from '../../src/core/trace/format';
import { canvasColours, ensureBuilt, launch, openTrace, screenshot, traceOfSample } from './harness';

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).first().innerText();
const cursor = async (page: Page): Promise<number> => Number(await page.locator('.tl-app').getAttribute('data-cursor'));

describe('timeline in Chromium (HTML export of the real samples)', function () {
  let context: BrowserContext;
  let helloAsync: TraceFile;
  let helloSync: TraceFile;

  before(async () => {
    ensureBuilt();
    helloAsync = traceOfSample('samples/hello-async.ts');
    helloSync = traceOfSample('samples/hello-sync.ts');
    context = await launch();
  });
  after(async () => {
    await context?.close();
  });

  describe('hello-async', () => {
    let page: Page;
    let errors: string[];
    before(async () => {
      ({ page, errors } = await openTrace(context, 'hello-async', helloAsync));
    });
    after(() => page.close());

    it('names its lanes: the script, main, and a group of three count', async () => {
      const labels = await page.locator('.tl-labels [role=listitem]').allInnerTexts();
      assert.deepEqual(labels.map((l) => l.trim()), ['script: hello-async.ts', 'main', '▾ count ×3', 'count #1', 'count #2', 'count #3', 'timers']);
    });

    it('summarises the run: 1.00 s of virtual time', async () => {
      assert.match(await text(page, '.tl-summary'), /executed in 1\.00 s of virtual time · 4 tasks · 4 awaits/);
      assert.match((await page.locator('.tl-summary').getAttribute('aria-label'))!, /^Run summary: executed in 1\.00 s/);
    });

    it('names the Node line the run imitated in the header', async () => {
      const node = helloAsync.meta.nodeMajor;
      assert.ok(node === 20 || node === 22 || node === 24 || node === 26, `meta.nodeMajor ${node}`);
      assert.match(await text(page, '.tl-summary'), new RegExp(`hello-async\\.ts\\s*Node ${node} · executed in 1\\.00 s`));
      assert.match((await page.locator('.tl-summary').getAttribute('aria-label'))!, new RegExp(`, imitating Node ${node}$`));
    });

    it('draws arrows: 4 settle→resume, 4 spawns, 3 combinator inputs', async () => {
      const app = page.locator('.tl-app');
      assert.equal(await app.getAttribute('data-arrows-resume'), '4');
      assert.equal(await app.getAttribute('data-arrows-spawn'), '4');
      assert.equal(await app.getAttribute('data-arrows-combinator'), '3');
      assert.match(await text(page, '.tl-arrow-counts'), /4 settle→resume · 4 spawn · 3 combinator/);
      assert.ok(await canvasColours(page) > 8, 'the canvas is drawn');
    });

    it('lists the console output, each line with its time', async () => {
      const lines = await page.locator('.tl-console li .tl-text').allInnerTexts();
      assert.deepEqual(lines, ['One', 'One', 'One', 'Two', 'Two', 'Two', 'executed in 1.00 seconds.']);
      const times = await page.locator('.tl-console li .tl-when').allInnerTexts();
      assert.deepEqual(times, ['0 ms', '0 ms', '0 ms', '1.00 s', '1.00 s', '1.00 s', '1.00 s']);
    });

    it('steps with the keyboard and shows the event loop at the cursor', async () => {
      await page.locator('canvas').focus();
      await page.keyboard.press('Home');
      const first = await cursor(page);
      await page.keyboard.press('ArrowRight');
      const second = await cursor(page);
      assert.ok(second > first);
      await page.keyboard.press('ArrowLeft');
      assert.equal(await cursor(page), first);
      // Walk to the first "count #1 waits on sleep(1000)".
      for (let i = 0; i < 40; i++) {
        if (/count #1 waits on sleep\(1000\)/.test(await text(page, '.tl-status'))) break;
        await page.keyboard.press('ArrowRight');
      }
      assert.match(await text(page, '.tl-status'), /count #1 waits on sleep\(1000\)/);
      assert.match(await text(page, '.tl-status'), /hello-async\.ts:7:3/);
      const timers = await page.locator('[data-section=timers] li').allInnerTexts();
      assert.deepEqual(timers, ['timer #1 (1000 ms) → due 1.00 s']);
      // Shift+→ follows count #1 to its resume at 1000 ms.
      await page.keyboard.press('Shift+ArrowRight');
      assert.match(await text(page, '.tl-status'), /count #1 resumes/);
      assert.match(await text(page, '.tl-status'), /at 1\.000 s/);
      const stack = await page.locator('[data-section=stack] li').allInnerTexts();
      assert.deepEqual(stack, ['count #1 — hello-async.ts:5:1', 'resume count #1', 'timer #1 callback']);
      await page.mouse.move(5, 5);
      await screenshot(page, 'hello-async-stepped-light');
    });

    it('clicking a console line moves the cursor; the cursor marks the line', async () => {
      const line = page.locator('.tl-console li').nth(4);
      await line.click();
      const seq = Number(await line.getAttribute('data-seq'));
      assert.equal(await cursor(page), seq);
      assert.equal(await line.getAttribute('aria-current'), 'step');
      assert.match(await text(page, '.tl-status'), /console: Two/);
      assert.equal(await page.locator('.tl-console li.tl-current').count(), 1);
    });

    it('clicking a segment shows its source location (standalone: in the status line)', async () => {
      const box = (await page.locator('canvas').boundingBox())!;
      await page.keyboard.press('f');
      // Row 3 (count #1) at a tenth of the width: inside its first running segment or suspension.
      await page.mouse.click(box.x + box.width * 0.3, box.y + 42 + 3 * 24 + 12);
      assert.match(await text(page, '.tl-status .tl-status-loc'), /^samples\/hello-async\.ts:\d+:\d+$/);
    });

    it('collapses the count group and restores it', async () => {
      await page.locator('[data-group=count] button').click();
      assert.deepEqual((await page.locator('.tl-labels [role=listitem]').allInnerTexts()).map((s) => s.trim()), ['script: hello-async.ts', 'main', '▸ count ×3', 'timers']);
      await page.locator('[data-group=count] button').click();
      assert.equal(await page.locator('.tl-labels [role=listitem]').count(), 7);
    });

    it('zooms and pans with the keyboard, wheel and drag', async () => {
      const state = () => page.evaluate(() => (window as any).asyncTimeline.state());
      await page.keyboard.press('f');
      const fit = await state();
      await page.locator('canvas').focus();
      await page.keyboard.press('+');
      const zoomed = await state();
      assert.ok(zoomed.viewEnd - zoomed.viewStart < fit.viewEnd - fit.viewStart);
      const box = (await page.locator('canvas').boundingBox())!;
      await page.mouse.move(box.x + 400, box.y + 120);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, 300);
      await page.keyboard.up('Control');
      const wheeled = await state();
      assert.ok(wheeled.viewEnd - wheeled.viewStart > zoomed.viewEnd - zoomed.viewStart, 'Ctrl+wheel down zooms out');
      await page.mouse.down();
      await page.mouse.move(box.x + 200, box.y + 120, { steps: 4 });
      await page.mouse.up();
      const dragged = await state();
      assert.ok(dragged.viewStart > wheeled.viewStart, 'dragging left pans right');
      await page.keyboard.press('f');
    });

    it('re-reads colours when the theme class changes (high contrast)', async () => {
      await page.evaluate(() => { document.body.className = 'vscode-high-contrast'; });
      await page.waitForTimeout(50);
      const pixel = await page.evaluate(() => Array.from(document.querySelector('canvas')!.getContext('2d')!.getImageData(4, 300, 1, 1).data.slice(0, 3)));
      assert.deepEqual(pixel, [0, 0, 0]);
      await screenshot(page, 'hello-async-high-contrast');
      await page.evaluate(() => { document.body.className = 'vscode-light'; });
    });

    it('logged no errors (CSP included)', () => {
      assert.deepEqual(errors, []);
    });

    it('light screenshot', async () => {
      await page.keyboard.press('f');
      await page.mouse.move(5, 5);
      await page.evaluate(() => (window as any).asyncTimeline.setCursor(-1));
      await screenshot(page, 'hello-async-light');
    });
  });

  it('hello-async in dark', async () => {
    const { page, errors } = await openTrace(context, 'hello-async-dark', helloAsync, 'dark');
    assert.ok(await page.evaluate(() => document.body.classList.contains('vscode-dark')));
    const bg = await page.evaluate(() => Array.from(document.querySelector('canvas')!.getContext('2d')!.getImageData(4, 400, 1, 1).data.slice(0, 3)));
    assert.ok(bg[0] < 60 && bg[1] < 60 && bg[2] < 60, `dark background, got ${bg}`);
    await page.locator('canvas').focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await screenshot(page, 'hello-async-dark');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('hello-sync: 3.00 s, all of it blocked, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await openTrace(context, `hello-sync-${scheme}`, helloSync, scheme);
      assert.match(await text(page, '.tl-summary'), /executed in 3\.00 s of virtual time/);
      assert.match(await text(page, '.tl-summary'), /blocked 3\.00 s/);
      assert.equal((await page.locator('.tl-console li .tl-text').allInnerTexts()).join('|'), 'One|Two|One|Two|One|Two|executed in 3.00 seconds.');
      await page.locator('canvas').focus();
      for (let i = 0; i < 12; i++) {
        if (/blocks the loop/.test(await text(page, '.tl-status'))) break;
        await page.keyboard.press('ArrowRight');
      }
      assert.match(await text(page, '.tl-loop-head'), /BLOCKED/);
      await screenshot(page, `hello-sync-${scheme}`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  describe('bad input is said, never blank', () => {
    const cases: [string, (t: TraceFile) => unknown, RegExp, string][] = [
      ['empty', (t) => ({ ...t, events: { kind: [], t: [], a: [], b: [], c: [], thread: [] } }), /trace is empty/, '.tl-banner'],
      ['truncated', (t) => ({ ...t, meta: { ...t.meta, truncated: { reason: 'budget: 60000 ms of virtual time' } } }), /stopped before its end \(budget: 60000 ms of virtual time\)/, '.tl-banner'],
      ['newer-version', (t) => ({ ...t, version: 7 }), /format version 7, newer than this viewer reads/, '.tl-fatal'],
      ['not-a-trace', () => ({ hello: 'world' }), /not an Async Timeline trace/, '.tl-fatal'],
      ['null', () => null, /not a trace/, '.tl-fatal'],
    ];
    for (const [name, make, message, selector] of cases) {
      it(name, async () => {
        const { page, errors } = await openTrace(context, `bad-${name}`, make(structuredClone(helloAsync)));
        assert.match(await text(page, selector), message);
        await screenshot(page, `bad-${name}`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }

    it('an uncaught error: shown as an alert, as text (never markup)', async () => {
      const trace = structuredClone(helloAsync);
      const evil = 'Error: boom </script><img src=x onerror="document.title=1"><b>bold?</b>';
      trace.strings.push(evil);
      const s = trace.strings.length - 1;
      const e = trace.events;
      const last = e.kind.length - 1;
      e.kind.splice(last, 0, 51, 50);
      e.t.splice(last, 0, 1000, 1000);
      e.a.splice(last, 0, 0, 2);
      e.b.splice(last, 0, s, s);
      e.c.splice(last, 0, 0, 0);
      e.thread.splice(last, 0, 0, 0);
      trace.meta.exitCode = 1;
      const { page, errors } = await openTrace(context, 'bad-uncaught', trace);
      assert.match(await text(page, '.tl-banner.tl-error'), /The program ended with an error:\nError: boom <\/script><img/);
      assert.equal(await page.locator('.tl-app img, .tl-app b').count(), 0);
      assert.notEqual(await page.title(), '1');
      assert.match(await text(page, '.tl-console li.tl-stderr'), /Error: boom/);
      await screenshot(page, 'bad-uncaught');
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
});
