/**
 * The webview as VS Code hosts it: `acquireVsCodeApi` present, the trace delivered by the
 * protocol (src/shared/protocol.ts) after `ready`, theme colours from --vscode-* variables,
 * view state through getState/setState. A fake host stands in for the extension.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PROTOCOL_VERSION, type WebviewToHost } from '../../src/shared/protocol';
import type { TraceFile } from '../../src/core/trace/format';
import { canvasColours, ensureBuilt, launch, OUT, ROOT, screenshot, traceOfSample } from './harness';
import { encodeColumnarTrace } from '../../src/core/trace/columnar';
import { postToPage, type TestMessage } from './webview-page';
import { firstDivergence } from '../../src/core/explore/divergence';

/** A page shaped like src/extension/webviewHtml.ts's, plus a fake acquireVsCodeApi. */
function webviewPage(savedState: unknown): string {
  const js = fs.readFileSync(path.join(ROOT, 'dist', 'webview.js'), 'utf8');
  const css = fs.readFileSync(path.join(ROOT, 'dist', 'webview.css'), 'utf8');
  const fakeHost = `
    window.__posted = [];
    window.__state = ${JSON.stringify(savedState ?? null)};
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(m),
      getState: () => window.__state ?? undefined,
      setState: (s) => { window.__state = s; },
    });`;
  return `<!DOCTYPE html><html lang="en" style="--vscode-editor-background:#123456;--vscode-editor-foreground:#eeeeee">
<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-t'; script-src 'nonce-t'">
<style nonce="t">${css}</style></head>
<body class="vscode-dark"><div id="app"></div>
<script nonce="t">${fakeHost}</script><script nonce="t">${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
}

describe('webview inside VS Code (fake host, real protocol)', function () {
  let context: BrowserContext;
  let trace: TraceFile;
  let page: Page;
  const errors: string[] = [];
  const posted = (): Promise<WebviewToHost[]> => page.evaluate(() => (window as any).__posted);
  const send = (message: TestMessage): Promise<void> => postToPage(page, message);

  async function open(savedState: unknown = null): Promise<void> {
    const file = path.join(OUT, 'html', 'vscode-webview.html');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, webviewPage(savedState));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`file://${file}`);
  }

  before(async () => {
    ensureBuilt();
    trace = traceOfSample('samples/hello-async.ts');
    context = await launch();
  });
  after(async () => {
    await context?.close();
  });

  it('says ready first, then shows the trace init delivers, in VS Code colours', async () => {
    await open();
    assert.deepEqual(await posted(), [{ type: 'ready', protocolVersion: PROTOCOL_VERSION }]);
    assert.match(await page.innerText('.tl-summary'), /Waiting for a trace/);
    await send({ type: 'init', trace, theme: 'dark' });
    await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
    assert.match(await page.innerText('.tl-summary'), /executed in 1\.00 s/);
    const bg = await page.evaluate(() => Array.from(document.querySelector('canvas')!.getContext('2d')!.getImageData(4, 500, 1, 1).data.slice(0, 3)));
    assert.deepEqual(bg, [0x12, 0x34, 0x56], 'the canvas background is --vscode-editor-background');
    assert.equal(await page.locator('#app .tl-app').count(), 1, 'mounted in the host page’s #app');
  });

  it('clicking a segment asks the host to reveal its source', async () => {
    const box = (await page.locator('canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + 42 + 3 * 24 + 12);
    const reveal = (await posted()).filter((m) => m.type === 'revealSource');
    assert.equal(reveal.length, 1);
    assert.deepEqual(Object.keys(reveal[0]).sort(), ['column', 'file', 'line', 'type']);
    assert.equal((reveal[0] as { file: string }).file, 'samples/hello-async.ts');
    assert.ok((await posted()).some((m) => m.type === 'cursorChanged'));
  });

  it('selectEvents (editor cursor on the Promise.all line) moves the cursor there', async () => {
    await send({ type: 'selectEvents', file: path.join(ROOT, 'samples', 'hello-async.ts'), line: 13 });
    await page.waitForFunction(() => /Promise\.all/.test(document.querySelector('.tl-status')!.textContent ?? ''));
    assert.match(await page.innerText('.tl-status'), /main (waits on|resumes)/);
  });

  it('persists the view state with setState and restores it after a reload', async () => {
    await page.locator('canvas').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-group=count] button').click();
    await page.waitForFunction(() => (window as any).__state?.collapsedGroups?.length === 1);
    const saved = await page.evaluate(() => (window as any).__state);
    assert.deepEqual(saved.collapsedGroups, ['count']);
    assert.ok(saved.viewEnd > saved.viewStart && saved.cursorSeq >= 0);
    await page.close();

    await open(saved);
    await send({ type: 'init', trace });
    await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
    assert.equal(Number(await page.getAttribute('.tl-app', 'data-cursor')), saved.cursorSeq);
    assert.equal(await page.locator('[data-group=count] button').getAttribute('aria-expanded'), 'false');
    const restored = await page.evaluate(() => (window as any).asyncTimeline.state());
    assert.ok(Math.abs(restored.viewStart - saved.viewStart) < 1e-6 && Math.abs(restored.viewEnd - saved.viewEnd) < 1e-6);
  });

  it('a re-run keeps the view; another program starts fitted, with no cursor and nothing collapsed', async () => {
    // Where the last test left it: zoomed in, a cursor, the count group collapsed.
    const before = await page.evaluate(() => (window as any).asyncTimeline.state());
    assert.ok(before.cursorSeq >= 0 && before.collapsedGroups.length === 1);
    await send({ type: 'showTrace', trace });
    await page.waitForFunction((seq) => Number((document.querySelector('.tl-app') as HTMLElement).dataset.cursor) === seq, before.cursorSeq);
    const kept = await page.evaluate(() => (window as any).asyncTimeline.state());
    assert.deepEqual([kept.viewStart, kept.viewEnd, kept.collapsedGroups], [before.viewStart, before.viewEnd, before.collapsedGroups]);

    const other = traceOfSample('samples/hello-sync.ts');
    await send({ type: 'showTrace', trace: other });
    await page.waitForFunction(() => Number((document.querySelector('.tl-app') as HTMLElement).dataset.cursor) === -1);
    const fresh = await page.evaluate(() => (window as any).asyncTimeline.state());
    assert.deepEqual(fresh.collapsedGroups, []);
    assert.equal(fresh.scrollTop, 0);
    assert.ok(fresh.viewStart <= 0 && fresh.viewEnd > before.viewEnd, 'the whole run is in view');
    await send({ type: 'showTrace', trace });
  });

  it('setTheme, runStatus and runError are shown', async () => {
    await send({ type: 'setTheme', kind: 'high-contrast' });
    await page.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'));
    await send({ type: 'runStatus', status: 'running', file: 'samples/hello-async.ts' });
    assert.match(await page.innerText('.tl-status'), /Running samples\/hello-async\.ts/);
    await send({ type: 'runError', message: 'SyntaxError: <b>unexpected</b> token', location: { file: 'a.ts', line: 3, column: 7 } });
    assert.match(await page.innerText('.tl-banner.tl-error'), /SyntaxError: <b>unexpected<\/b> token \(a\.ts:3:7\)/);
    await screenshot(page, 'vscode-webview-high-contrast');
  });

  it('init without a trace says how to get one (with the command’s real name)', async () => {
    await send({ type: 'runStatus', status: 'failed', file: 'samples/hello-async.ts', message: 'x' });
    await send({ type: 'init', trace: null });
    assert.match(await page.innerText('.tl-fatal'), /Nothing has run yet\. Use “Async Timeline: Visualize concurrency”/);
    assert.deepEqual(errors, []);
  });

  it('keeps the run’s sourceUri in its saved state at once (the serializer reads it)', async () => {
    await page.close();
    await open();
    await send({ type: 'init', trace, sourceUri: 'file:///work/samples/hello-async.ts' });
    await page.waitForFunction(() => (window as any).__state?.sourceUri);
    assert.equal(await page.evaluate(() => (window as any).__state.sourceUri), 'file:///work/samples/hello-async.ts');
    await send({ type: 'showTrace', trace, sourceUri: 'file:///work/samples/other.ts' });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (window as any).__state?.sourceUri === 'file:///work/samples/other.ts');
  });

  it('showComparison switches to compare mode', async () => {
    const sync = traceOfSample('samples/hello-sync.ts');
    const sources = ['file:///w/samples/hello-sync.ts', 'file:///w/samples/hello-async.ts'];
    await send({ type: 'showComparison', runs: [{ label: 'sync', trace: sync }, { label: 'async', trace }], sources });
    await page.waitForSelector('.tl-compare-table');
    assert.match(await page.innerText('.tl-summary'), /async is fastest: 3\.00× faster than sync/);
    // Saved at once: after a reload the serializer gets the files to run and compare again.
    await page.waitForTimeout(400);
    assert.deepEqual(await page.evaluate(() => (window as any).__state), { compareSources: sources });
    assert.deepEqual(errors, []);
  });

  it('showComparison with the race explorer\'s result: outcomes with frequency, the two runs, the first divergence marked', async () => {
    const plain = traceOfSample('samples/race.ts', ['--node', '20'], 'race-default');
    const lost = traceOfSample('samples/race.ts', ['--node', '20', '--schedule', 'late@1'], 'race-late1');
    const divergence = firstDivergence(plain, lost, ['default', 'late@1'])!;
    const sources = ['file:///w/samples/race.ts', 'file:///w/samples/race.ts'];
    assert.ok(divergence.t > 0);
    await send({
      type: 'showComparison',
      runs: [{ label: 'default schedule', trace: plain }, { label: 'late@1', trace: lost }],
      races: {
        headline: 'samples/race.ts: 200 runs, 2 outcomes — a race: the schedule changes what the program does',
        outcomes: [
          { label: 'default schedule', count: 173, frequency: 0.865, schedule: 'default', shown: true },
          { label: 'prints "alice 80, bob 100, total 180"', count: 27, frequency: 0.135, schedule: 'late@1', shown: true },
        ],
        divergence: { t: divergence.t, description: divergence.description },
        shownSchedules: ['default', 'late@1'],
      },
      sources,
    });
    await page.waitForSelector('.tl-races-table');
    const rows = await page.locator('.tl-races-table tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /default schedule\s+173\s+87%\s+default/);
    assert.match(rows[1], /prints "alice 80, bob 100, total 180"\s+27\s+14%\s+late@1/);
    assert.match(await page.innerText('.tl-summary'), /200 runs, 2 outcomes/);
    // Said once: in the summary line, not again above the outcomes.
    assert.equal((await page.innerText('body')).split('200 runs, 2 outcomes').length - 1, 1);
    assert.match(await page.innerText('.tl-races-divergence'), /^First divergence at \S+ ms — default: .*; late@1: /);
    assert.match((await page.locator('.tl-compare canvas').getAttribute('aria-label')) ?? '', /They part at/);
    // Saved for a reload: the file and the report, whose schedules the host replays (findRaces.ts replayRaces).
    await page.waitForTimeout(400);
    const saved = await page.evaluate(() => (window as any).__state);
    assert.deepEqual(saved.compareSources, sources);
    assert.deepEqual(saved.races.shownSchedules, ['default', 'late@1']);
    // The dashed line is drawn in the error colour through the bands.
    await screenshot(page, 'find-races-compare');
    assert.deepEqual(errors, []);
  });

  it('in a panel as narrow as one beside the editor: no table is cut off at its edge, the divergence is labelled clear of the runs', async () => {
    // The race comparison of the test before, in the width of a panel beside a code editor.
    await page.setViewportSize({ width: 520, height: 800 });
    await page.waitForTimeout(300);
    const tables = await page.locator('.tl-compare-table').evaluateAll((els) => els.map((table) => {
      const width = document.documentElement.clientWidth;
      const before = table.getBoundingClientRect().right;
      table.scrollLeft = table.scrollWidth; // a table wider than the panel scrolls: its last column can be reached
      const cells = [...table.querySelectorAll('tr:first-child > *')];
      const last = cells[cells.length - 1].getBoundingClientRect().right;
      table.scrollLeft = 0;
      return { label: table.getAttribute('aria-label'), width, right: before, lastCellRight: last };
    }));
    assert.equal(tables.length, 3, 'outcomes, runs, time by cause');
    // The outcomes wrap instead: the schedule that replays each one is in view without scrolling.
    const outcomes = await page.locator('.tl-races-table').evaluate((t) => ({ scroll: t.scrollWidth - t.clientWidth, height: (t.querySelector('tbody tr:last-child th') as HTMLElement).offsetHeight, line: (t.querySelector('tbody tr:first-child th') as HTMLElement).offsetHeight }));
    assert.ok(outcomes.scroll <= 0, `the outcomes table scrolls by ${outcomes.scroll}px`);
    assert.ok(outcomes.height > outcomes.line, 'the long outcome wraps onto a second line');
    assert.equal(await page.locator('.tl-races-table thead .tl-nowrap').evaluate((el) => el.getClientRects().length), 1, '"--schedule)" is never split');
    for (const t of tables) {
      assert.ok(t.right <= t.width + 0.5, `${t.label}: ends at ${t.right}px in a ${t.width}px panel`);
      assert.ok(t.lastCellRight <= t.width + 0.5, `${t.label}: its last column is out of reach (${t.lastCellRight}px of ${t.width}px)`);
    }
    // The label "first divergence N ms" is drawn in the error colour below the bands: in the first
    // run's header (its bar and headline) only the dashed line itself is in that colour.
    const reject = await page.locator('.tl-races-divergence').evaluate((el) => getComputedStyle(el).color.match(/\d+/g)!.map(Number));
    // (No named functions inside evaluate: tsx would wrap them in a helper the page lacks.)
    const AXIS = 26, HEAD = 28, FOOT = 20;
    const height = await page.locator('.tl-compare canvas').evaluate((canvas: HTMLCanvasElement) => canvas.clientHeight);
    const [header, foot] = await page.locator('.tl-compare canvas').evaluate((canvas: HTMLCanvasElement, { rgb, bands }) => bands.map(([top, bottom]) => {
      const dpr = canvas.width / canvas.clientWidth;
      const img = canvas.getContext('2d')!.getImageData(0, Math.round(top * dpr), canvas.width, Math.round((bottom - top) * dpr));
      const xs = new Set<number>();
      for (let i = 0; i < img.data.length; i += 4) {
        const d = Math.abs(img.data[i] - rgb[0]) + Math.abs(img.data[i + 1] - rgb[1]) + Math.abs(img.data[i + 2] - rgb[2]);
        if (d < 60) xs.add(Math.floor(((i / 4) % img.width) / dpr));
      }
      return xs.size;
    }), { rgb: reject, bands: [[AXIS + 2, AXIS + HEAD - 2], [height - FOOT, height]] });
    const columns = { header, foot };
    assert.ok(columns.header <= 3, `the first run's header has ${columns.header} columns in the error colour (the dashed line is at most 3)`);
    assert.ok(columns.foot > 60, `the divergence label below the bands: ${columns.foot} columns in the error colour`);
    await screenshot(page, 'find-races-compare-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(errors, []);
  });

  it('paints the timeline from the columnar buffer the host posts; a damaged buffer is the panel\'s error, not a crash', async () => {
    await page.close();
    errors.length = 0;
    await open();
    await page.evaluate(() => window.addEventListener('message', (e) => { (window as any).__traceTag = Object.prototype.toString.call(e.data.trace); }));
    const buffer = encodeColumnarTrace(trace);
    await send({ type: 'init', trace: buffer, theme: 'dark' });
    await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
    assert.equal(await page.evaluate(() => (window as any).__traceTag), '[object ArrayBuffer]', 'the trace arrived as an ArrayBuffer');
    assert.match(await page.innerText('.tl-summary'), /executed in 1\.00 s/);
    assert.ok(await canvasColours(page) > 3, 'the canvas is painted');
    // Cut short in transit: the panel says so, and tells the host.
    await send({ type: 'showTrace', trace: buffer.slice(0, buffer.byteLength - 7) });
    await page.waitForSelector('.tl-fatal');
    assert.match(await page.innerText('.tl-fatal'), new RegExp(`This trace cannot be shown[\\s\\S]*cut short \\(${buffer.byteLength - 7} of its ${buffer.byteLength} bytes arrived\\)`));
    const reported = (await posted()).filter((m) => m.type === 'webviewError');
    assert.equal(reported.length, 1);
    assert.match((reported[0] as { message: string }).message, /cut short/);
    // Garbage of the right length for nothing: the same, never a thrown error.
    await send({ type: 'showTrace', trace: new Uint8Array(4096).fill(0xff).buffer });
    await page.waitForFunction(() => /does not start as a columnar trace does/.test(document.querySelector('.tl-fatal')?.textContent ?? ''));
    // And the next good trace shows again.
    await send({ type: 'showTrace', trace: buffer });
    await page.waitForFunction(() => !document.querySelector('.tl-fatal') && /executed in 1\.00 s/.test(document.querySelector('.tl-summary')?.textContent ?? ''));
    assert.deepEqual(errors, []);
  });

  it('a re-run\'s trace paints on the same canvas, not resized: a new canvas costs a first frame its whole backing store', async () => {
    await page.close();
    errors.length = 0;
    await open();
    await send({ type: 'init', trace, theme: 'dark' });
    await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
    // Tag the canvas, and count every size assignment from now on (each one clears or reallocates the store).
    await page.evaluate(`(() => {
      document.querySelector('canvas').__tag = 'first';
      window.__sized = 0;
      for (const prop of ['width', 'height']) {
        const own = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, prop);
        Object.defineProperty(HTMLCanvasElement.prototype, prop, { configurable: true, get() { return own.get.call(this); }, set(v) { window.__sized++; own.set.call(this, v); } });
      }
    })()`);
    const paintedBefore = (await posted()).filter((m) => m.type === 'painted').length;
    await send({ type: 'showTrace', trace });
    await page.waitForFunction((n) => (window as any).__posted.filter((m: { type: string }) => m.type === 'painted').length > n, paintedBefore);
    assert.equal(await page.locator('canvas').count(), 1);
    assert.equal(await page.evaluate('document.querySelector("canvas").__tag'), 'first', 'the same canvas element');
    assert.equal(await page.evaluate('window.__sized'), 0, 'the same size: no assignment');
    assert.ok(await canvasColours(page) > 3, 'the canvas is painted');
    const painted = (await posted()).filter((m) => m.type === 'painted').at(-1) as { ms?: number };
    assert.ok(typeof painted.ms === 'number' && painted.ms >= 0, 'the report says how long the frame took in the webview');
    // The canvas still answers input: a click on a segment reveals its source once, not once per view it served.
    const box = (await page.locator('canvas').boundingBox())!;
    const reveals = (await posted()).filter((m) => m.type === 'revealSource').length;
    await page.mouse.click(box.x + box.width * 0.3, box.y + 42 + 3 * 24 + 12);
    assert.equal((await posted()).filter((m) => m.type === 'revealSource').length, reveals + 1);
    assert.deepEqual(errors, []);
  });
});
