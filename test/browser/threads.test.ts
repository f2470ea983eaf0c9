import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { twoWorkers } from '../unit/viewmodel/trace-builder';
import { canvasColours, ensureBuilt, launch, openTrace, screenshot } from './harness';

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
      'thread: worker-1', 'entry of worker-1', 'work',
      'thread: worker-2', 'entry of worker-2', 'work',
    ]);
    assert.ok(await canvasColours(page) > 8, 'the canvas is drawn');
    await screenshot(page, 'threads');
    assert.deepEqual(errors, []);
  });
});
