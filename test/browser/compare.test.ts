import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { renderComparisonHtml } from '../../src/core/export/html';
import type { TraceFile } from '../../src/core/trace/format';
import { canvasColours, ensureBuilt, launch, OUT, screenshot, traceOfSample } from './harness';

async function openComparison(context: BrowserContext, name: string, runs: { label: string; trace: TraceFile }[]): Promise<{ page: Page; errors: string[] }> {
  const file = path.join(OUT, 'html', `${name}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderComparisonHtml(runs));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.querySelector('.tl-fatal') || (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
  return { page, errors };
}

describe('compare mode in Chromium (HTML export of real runs)', function () {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  before(async () => {
    ensureBuilt();
    const sync = traceOfSample('samples/hello-sync.ts');
    const async = traceOfSample('samples/hello-async.ts');
    context = await launch();
    ({ page, errors } = await openComparison(context, 'compare-hello', [{ label: 'hello-sync', trace: sync }, { label: 'hello-async', trace: async }]));
  });
  after(async () => {
    await page?.close();
    await context?.close();
  });

  it('tables each run: 3.00 s and 1.00 s, async 3.00× faster', async () => {
    const rows = await page.locator('.tl-compare-table[aria-label="Runs compared"] tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /hello-sync\s+3\.00 s\s+4\s+1\s+.*3\.00 s\s+slowest/);
    assert.match(rows[1], /hello-async\s+1\.00 s\s+4\s+4\s+.*3\.00× faster/);
    assert.match(await page.locator('.tl-summary').innerText(), /hello-async is fastest: 3\.00× faster than hello-sync/);
  });

  it('shows time by cause side by side and marks the causes that differ, with the difference', async () => {
    assert.equal(await page.locator('.tl-causes-differ').innerText(), 'Time by cause differs from hello-sync: timers +1.00 s · blocking −3.00 s');
    const head = await page.locator('.tl-causes-table thead th').allInnerTexts();
    assert.deepEqual(head, ['time by cause', 'hello-sync', 'hello-async', 'between the runs']);
    const rows = await page.locator('.tl-causes-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      cause: (tr as HTMLElement).dataset.cause,
      differs: tr.classList.contains('tl-cause-differs'),
      cells: [...tr.children].map((c) => (c as HTMLElement).innerText.trim()),
    })));
    assert.deepEqual(rows, [
      { cause: 'timers', differs: true, cells: ['timers', '0 ms', '1.00 s +1.00 s', '≠ differs'] },
      { cause: 'blocking', differs: true, cells: ['blocking', '3.00 s', '0 ms −3.00 s', '≠ differs'] },
    ]);
    // A differing cause stands out: its name is drawn in the rejection colour, not the table's.
    const colours = await page.locator('.tl-causes-table tbody tr th').evaluateAll((ths) => ths.map((th) => getComputedStyle(th).color));
    const plain = await page.locator('.tl-compare-table[aria-label="Runs compared"] tbody th').first().evaluate((th) => getComputedStyle(th).color);
    for (const c of colours) assert.notEqual(c, plain);
    await screenshot(page, 'compare-time-by-cause');
  });

  it('draws both runs on one scale (canvas labelled for screen readers)', async () => {
    const label = await page.locator('.tl-compare canvas').getAttribute('aria-label');
    assert.equal(label, 'hello-sync: 3.00 s · slowest; hello-async: 1.00 s · 3.00× faster than the slowest');
    assert.ok(await canvasColours(page) > 6);
    await screenshot(page, 'compare-hello');
    assert.deepEqual(errors, []);
  });
});
