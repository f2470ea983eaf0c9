/**
 * Saving and reopening traces, in the webview (issue 12): the panel's "Save trace…" and "Open in
 * Perfetto…" post their messages to the host; a saved trace opened read-only says so (and that
 * it was upgraded, when it was); a saved file that cannot be shown gets the panel's error; the
 * standalone page and a comparison offer no save (there is no host, or no single run).
 */
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import type { TraceFile } from '../../src/core/trace/format';
import { ensureBuilt, launch, openTrace, screenshot, traceOfSample } from './harness';
import { openHosted, showTrace, themeColours } from './webview-page';

describe('save and reopen traces: the panel’s actions', function () {
  let context: BrowserContext;
  let trace: TraceFile;
  before(async () => {
    ensureBuilt();
    trace = traceOfSample('samples/chat-async.ts');
    context = await launch();
  });
  after(async () => context?.close());

  it('a run: "Save trace…" and "Open in Perfetto…" in the header post their messages', async () => {
    const hosted = await openHosted(context, 'actions-run', { theme: themeColours().dark });
    await showTrace(hosted, trace, { sourceUri: 'file:///ws/samples/chat-async.ts' });
    const { page } = hosted;
    const save = page.getByRole('button', { name: /^Save trace…/ });
    const perfetto = page.getByRole('button', { name: /^Open in Perfetto…/ });
    assert.ok(await save.isVisible());
    assert.ok(await perfetto.isVisible());
    await save.click();
    await perfetto.click();
    const posted = (await hosted.posted()).map((m) => m.type).filter((t) => t === 'saveTrace' || t === 'openInPerfetto');
    assert.deepEqual(posted, ['saveTrace', 'openInPerfetto']);
    // Keyboard: the buttons are reachable and work with Enter.
    await save.focus();
    await page.keyboard.press('Enter');
    assert.equal((await hosted.posted()).filter((m) => m.type === 'saveTrace').length, 2);
    await screenshot(page, 'actions-run');
    assert.deepEqual(hosted.errors, []);
    await page.close();
  });

  it('a saved trace, reopened: the timeline, marked read-only, with the upgrade notice', async () => {
    const hosted = await openHosted(context, 'saved-trace', { theme: themeColours().light });
    await showTrace(hosted, trace, {
      sourceUri: 'file:///ws/chat-async.async-timeline.json',
      savedTrace: { name: 'chat-async.async-timeline.json', notices: ['This trace was written in format version 0 and upgraded to version 1 to be shown (version 0 → 1: events as columns).'] },
    });
    const { page } = hosted;
    const banner = page.locator('.tl-banner[data-kind=saved]');
    assert.match(await banner.innerText(), /Saved trace chat-async\.async-timeline\.json \(read-only\): nothing runs here/);
    assert.match(await banner.innerText(), /upgraded to version 1/);
    assert.match(await page.locator('.tl-summary').innerText(), /samples\/chat-async\.ts/);
    assert.ok(await page.getByRole('button', { name: /^Open in Perfetto…/ }).isVisible(), 'a saved trace can go to Perfetto too');
    assert.ok((await page.locator('canvas').count()) > 0);
    await screenshot(page, 'saved-trace-reopened');
    assert.deepEqual(hosted.errors, []);
    await page.close();
  });

  it('a saved file that cannot be shown: the panel’s error, no actions', async () => {
    const hosted = await openHosted(context, 'saved-trace-bad', { theme: themeColours().dark });
    await hosted.send({ type: 'init', trace: null });
    await hosted.send({ type: 'traceError', message: 'This trace file is cut short or damaged (Unexpected end of JSON input): it does not end where a trace ends. Save or export the trace again.' });
    const { page } = hosted;
    await page.waitForSelector('.tl-fatal');
    assert.match(await page.locator('.tl-fatal').innerText(), /This trace cannot be shown\s+This trace file is cut short or damaged/);
    assert.equal(await page.locator('.tl-trace-actions').isVisible(), false);
    await screenshot(page, 'saved-trace-bad');
    assert.deepEqual(hosted.errors, []);
    await page.close();
  });

  it('the standalone page has no save actions (no host to save with)', async () => {
    const { page, errors } = await openTrace(context, 'actions-standalone', trace);
    assert.equal(await page.locator('.tl-trace-actions').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a comparison hides them (there is no single run to save)', async () => {
    const hosted = await openHosted(context, 'actions-compare');
    await showTrace(hosted, trace);
    assert.ok(await hosted.page.locator('.tl-trace-actions').isVisible());
    await hosted.send({ type: 'showComparison', runs: [{ label: 'a', trace }, { label: 'b', trace }] });
    await hosted.page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.runs === '2');
    assert.equal(await hosted.page.locator('.tl-trace-actions').isVisible(), false);
    await hosted.page.close();
  });
});
