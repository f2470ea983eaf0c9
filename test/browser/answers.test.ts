/**
 * The Answers tab (issue 11) in Chromium, on real engine traces: the critical path line and its
 * highlight on the canvas, the leftovers, floating promises and blocking rows, and clicking a row
 * moves the cursor and asks the host to open its line. Screenshots: .test-output/screenshots/answers-*.png.
 */
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import type { TraceFile } from '../../src/core/trace/format';
import { canvasColours, ensureBuilt, launch, openTrace, screenshot, traceOfSample } from './harness';
import { openHosted, showTrace } from './webview-page';

describe('the Answers tab in Chromium', function () {
  this.timeout(120000);
  let context: BrowserContext;
  let fixture: TraceFile;
  before(async () => {
    ensureBuilt();
    context = await launch();
    fixture = traceOfSample('test/browser/fixtures/answers.ts');
  });
  after(async () => context?.close());

  it('hello-async: the critical path (1000 ms, main → Promise.all [3] → count #3 → sleep(1000)) drawn on the timeline', async () => {
    const { page, errors } = await openTrace(context, 'answers-hello-async', traceOfSample('samples/hello-async.ts'));
    try {
      await page.setViewportSize({ width: 1300, height: 800 });
      await page.locator('#tl-tab-answers').click();
      assert.equal(await page.locator('#tl-tab-answers').textContent(), 'Answers');
      assert.equal(await page.locator('.tl-answers-headline').innerText(), 'Critical path: 1000 ms — main → Promise.all [3] → count #3 → sleep(1000)');
      assert.equal(await page.locator('.tl-answers-causes').innerText(), 'Time by cause: timers 1000 ms');
      assert.match(await page.locator('.tl-answers-path li').first().innerText(), /0–1000 ms · timers 1000 ms: sleep\(1000\) in count #3/);
      const before = await canvasColours(page);
      await page.locator('#tl-answers-path-toggle').check();
      await page.waitForTimeout(100);
      const shown = await page.evaluate(() => (window as any).asyncTimeline.answers());
      assert.equal(shown.showPath, true);
      assert.ok(shown.pathSeqs.length > 5);
      assert.ok(await canvasColours(page) >= before);
      await screenshot(page, 'answers-hello-async-critical-path');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('a program with a floating promise, a leftover and a blocking callback lists each, marks them, and a click moves the cursor', async () => {
    const { page, errors } = await openTrace(context, 'answers-findings', fixture, 'dark');
    try {
      await page.setViewportSize({ width: 1300, height: 850 });
      await page.locator('#tl-tab-answers').click();
      assert.equal(await page.locator('#tl-tab-answers').textContent(), 'Answers · 3');
      const floating = await page.locator('.tl-answers-floating .tl-answer').allInnerTexts();
      assert.equal(floating.length, 1);
      assert.match(floating[0], /^Floating promise: `fetchUser\(1\)` in main returns a promise that is never awaited/);
      assert.match(floating[0], /answers\.ts:21$/);
      const leftovers = await page.locator('.tl-answers-leftovers .tl-answer').allInnerTexts();
      assert.equal(leftovers.length, 1);
      assert.match(leftovers[0], /waiter is suspended forever at `await never\(\)`: that promise was made by `new Promise` at test\/browser\/fixtures\/answers\.ts:13/);
      assert.match(await page.locator('.tl-answers-leftovers .tl-answer-detail').first().innerText(), /the promise it waits on was made here by waiter.*answers\.ts:13/);
      const blocking = await page.locator('.tl-answers-blocking .tl-answer').allInnerTexts();
      assert.equal(blocking.length, 1);
      assert.match(blocking[0], /^`Atomics\.wait` blocked the event loop for 120 ms/);
      const marks = await page.evaluate(() => (window as any).asyncTimeline.answers().marks.map((m: { kind: string }) => m.kind));
      assert.deepEqual([...marks].sort(), ['blocking', 'floating', 'leftover']);
      const seq = await page.evaluate(() => (window as any).asyncTimeline.answers().marks.find((m: { kind: string }) => m.kind === 'floating').seq);
      await page.locator('.tl-answers-floating .tl-answer').first().click();
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => (window as any).asyncTimeline.cursorSeq()), seq);
      await screenshot(page, 'answers-findings-dark');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('in the VS Code webview: a row asks the host to open its line; the threshold comes from the host; the tab is remembered', async () => {
    const hosted = await openHosted(context, 'answers-hosted', { viewport: { width: 1200, height: 800 } });
    try {
      await showTrace(hosted, fixture, { analysis: { blockingThresholdMs: 200 } });
      await hosted.page.locator('#tl-tab-answers').click();
      assert.match(await hosted.page.locator('.tl-answers-blocking h4').innerText(), /Blocking \(≥ 200 ms\)/);
      assert.equal(await hosted.page.locator('.tl-answers-blocking .tl-answer').count(), 0);
      await hosted.page.locator('.tl-answers-floating .tl-answer').first().click();
      await hosted.page.waitForTimeout(100);
      const posted = await hosted.posted();
      const reveal = posted.filter((m) => m.type === 'revealSource').pop();
      assert.deepEqual(reveal, { type: 'revealSource', file: 'test/browser/fixtures/answers.ts', line: 21, column: 3 });
      await hosted.page.waitForTimeout(400);
      const state = await hosted.state();
      assert.equal(state.bottomTab, 'answers');
      await screenshot(hosted.page, 'answers-hosted');
      assert.deepEqual(hosted.errors, []);
    } finally {
      await hosted.page.close();
    }
  });
});
