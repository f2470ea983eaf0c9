import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { twoWorkers } from '../unit/viewmodel/trace-builder';
import type { TraceFile } from '../../src/core/trace/format';
import { canvasColours, ensureBuilt, launch, openTrace, screenshot, traceOfSample } from './harness';

describe('simulated threads in Chromium (HTML export)', function () {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  before(async () => {
    ensureBuilt();
    context = await launch();
    ({ page, errors } = await openTrace(context, 'threads', twoWorkers()));
  });
  after(async () => {
    await page?.close();
    await context?.close();
  });

  it('shows a cores strip, then each thread as a header with its own lanes', async () => {
    const labels = (await page.locator('.tl-labels [role=listitem]').allInnerTexts()).map((l) => l.trim());
    assert.deepEqual(labels, [
      'cores: threads running',
      'thread: main', 'script: two-workers.ts', 'main', 'I/O',
      'thread: worker-1', 'thread body', 'work',
      'thread: worker-2', 'thread body', 'work',
    ]);
    assert.ok(await canvasColours(page) > 8, 'the canvas is drawn');
    await screenshot(page, 'threads');
    assert.deepEqual(errors, []);
  });

  it('shows a vertical scrollbar when the lanes overflow, and it scrolls them', async () => {
    await page.setViewportSize({ width: 1000, height: 420 });
    await page.waitForFunction(() => !(document.querySelector('.tl-vscroll') as HTMLElement).hidden);
    const before = await page.locator('.tl-labels [role=listitem]').first().innerText();
    await page.locator('.tl-vscroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForFunction((first) => document.querySelector('.tl-labels [role=listitem]')?.textContent !== first, before);
    const state = await page.evaluate(() => (window as unknown as { asyncTimeline: { state(): { scrollTop: number } } }).asyncTimeline.state());
    assert.ok(state.scrollTop > 0);
    await screenshot(page, 'threads-scrolled');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForFunction(() => (document.querySelector('.tl-vscroll') as HTMLElement).hidden);
  });

  it('hovering the cores strip says how many threads run; a thread header tells its life', async () => {
    const box = (await page.locator('.tl-canvas-wrap canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + 42 + 12);
    await page.waitForSelector('.tl-tooltip:not([hidden])');
    assert.match(await page.locator('.tl-tooltip').innerText(), /cores: threads running\n2 threads run on a core at \d+(\.\d+)? ms\nat most 2 at once/);
    await screenshot(page, 'threads-hover-cores');
    await page.mouse.move(box.x + box.width * 0.25, box.y + 42 + 5 * 24 + 12);
    await page.waitForFunction(() => /thread: worker-1/.test(document.querySelector('.tl-tooltip')?.textContent ?? ''));
    assert.match(await page.locator('.tl-tooltip').innerText(), /from 0 ms to 200 ms\nran 150 ms/);
    await page.mouse.move(box.x + 5, box.y + 5);
  });

  it('console lines carry their full text as a tooltip', async () => {
    const titles = await page.locator('.tl-console li').evaluateAll((els) => els.map((el) => el.getAttribute('title')));
    assert.deepEqual(titles.slice(0, 2), ['worker-1 done', 'worker-2 done']);
  });

  it('real traces: the chat thread pool and the café, each thread under its header', async function () {
    let pool: TraceFile;
    let cafe: TraceFile;
    try {
      pool = traceOfSample('samples/chat-thread-pool.ts');
      cafe = traceOfSample('samples/cafe.ts');
    } catch {
      this.skip(); // the engine cannot run the simulated-world samples yet
    }
    const opened = await openTrace(context, 'threads-chat-pool', pool);
    const labels = (await opened.page.locator('.tl-labels [role=listitem]').allInnerTexts()).map((l) => l.trim());
    assert.equal(labels[0], 'cores: threads running');
    assert.ok(labels.includes('thread: chat pool thread 1') && labels.includes('thread: chat pool thread 2'), labels.join(' | '));
    await screenshot(opened.page, 'threads-chat-pool');
    assert.deepEqual(opened.errors, []);
    await opened.page.close();
    const cafePage = await openTrace(context, 'threads-cafe', cafe);
    await screenshot(cafePage.page, 'threads-cafe');
    assert.deepEqual(cafePage.errors, []);
    await cafePage.page.close();
  });

  it('Workers on a file: each under its header with its tasks and timers; a worker\'s error is a note, not the program\'s end', async () => {
    const trace = traceOfSample('test/fixtures/programs/workers-kitchen.js');
    const opened = await openTrace(context, 'threads-workers', trace);
    const labels = (await opened.page.locator('.tl-labels [role=listitem]').allInnerTexts()).map((l) => l.trim());
    for (const name of ['soup cook', 'tart cook']) {
      const at = labels.indexOf(`thread: ${name}`);
      assert.ok(at > 0, labels.join(' | '));
      assert.deepEqual(labels.slice(at + 1, at + 4), ['thread body', 'cook', 'timers'], labels.join(' | '));
    }
    const notes = await opened.page.locator('.tl-banner').allInnerTexts();
    assert.equal(notes.length, 1, notes.join(' | '));
    assert.match(notes[0], /A worker thread ended with an error[\s\S]*tart cook: .*the tart fell on the floor/);
    assert.equal(await opened.page.locator('.tl-banner.tl-error').count(), 0, 'not shown as the program ending');
    assert.match(await opened.page.innerText('.tl-summary'), /executed in 1\.05 s .*computing 100 ms/);
    await screenshot(opened.page, 'threads-workers');
    assert.deepEqual(opened.errors, []);
    await opened.page.close();
  });
});
