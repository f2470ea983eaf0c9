// The UI walk, in a real VS Code workbench (code-server) in headless Chromium, against the
// extension installed from the .vsix: open samples/hello-async.ts, see the CodeLens, click it,
// see the timeline beside the editor, click a lane and see the editor reveal the line, move the
// editor cursor onto an await, run "Visualize concurrency" from the palette, open the threadpool
// sample from the gallery (e2e.sh then type-checks the copy it made: Node's types come from the .vsix),
// replay a recorded outside API, compare hello-async.ts with hello-sync.ts ("Compare runs…": time by cause).
// Screenshots: $OUT_DIR/vscode-*.png. Selectors from /work/shared/vscode-e2e/drive.mjs.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const url = process.env.CS_URL;
const outDir = process.env.OUT_DIR ?? '.test-output/screenshots';
fs.mkdirSync(outDir, { recursive: true });
const t0 = Date.now();
const lap = (m) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const shot = async (page, name) => {
  await page.waitForTimeout(400); // let the canvas and the lenses settle
  await page.screenshot({ path: path.join(outDir, `vscode-${name}.png`) });
  lap(`screenshot vscode-${name}.png`);
};

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-chrome-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 850 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
const problems = [];
page.on('console', (m) => {
  const text = m.text();
  // CSP refusals inside our webview are bugs (the HTML promises a strict policy); gallery/vsda noise is not.
  if (/Content Security Policy|Refused to/i.test(text)) problems.push(text.slice(0, 300));
});
page.on('pageerror', (e) => console.log('[pageerror]', String(e).slice(0, 300)));

const webview = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
const selection = page.locator('[id="status.editor.selection"]');

async function quickOpen(text, rowText) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function palette(text, rowText) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The frame of the (visible) webview that shows `selector`: a run may leave a file's panel open beside a compare panel. */
async function webviewWith(selector, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frames = page.locator('iframe.webview.ready');
    for (let i = 0; i < await frames.count(); i++) {
      const inner = frames.nth(i).contentFrame().locator('#active-frame').contentFrame();
      if (await inner.locator(selector).count().catch(() => 0)) return inner;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(250);
  }
}

try {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'samples' }).first().waitFor({ timeout: 60000 });
  lap('workbench loaded');

  // 1. The file and its lenses.
  await quickOpen('hello-async.ts', 'hello-async.ts');
  await page.locator('.monaco-editor .view-lines', { hasText: 'async function count' }).first().waitFor();
  const lens = page.locator('.contentWidgets .codelens-decoration', { hasText: 'Visualize concurrency' });
  await lens.first().waitFor({ timeout: 60000 });
  lap(`CodeLens visible: ${await lens.count()} × "${await lens.first().innerText()}"`);
  await shot(page, '1-codelens');

  // 2. Click the lens above main(): the file's top level calls main(), so this runs the file once.
  //    The panel opens beside the editor with lanes.
  await lens.nth(1).locator('a').first().click();
  lap('clicked the CodeLens above main()');
  const app = webview().locator('.tl-app[data-lanes]');
  await app.waitFor({ timeout: 60000 });
  const lanes = Number(await app.getAttribute('data-lanes'));
  lap(`timeline shows ${lanes} lanes: "${(await webview().locator('.tl-summary').innerText()).replace(/\s+/g, ' ')}"`);
  if (!(lanes >= 4)) throw new Error(`expected at least 4 lanes (main + 3 × count), got ${lanes}`);
  const summary = (await webview().locator('.tl-summary').innerText()).replace(/\s+/g, ' ');
  if (!/1\.00 s/.test(summary)) throw new Error(`expected 1.00 s of virtual time: ${summary}`);
  const groups = await page.locator('.editor-group-container').count();
  const editorBox = await page.locator('.editor-group-container').first().boundingBox();
  const frameBox = await page.locator('iframe.webview.ready').boundingBox();
  if (groups < 2 || !editorBox || !frameBox || frameBox.x < editorBox.x + editorBox.width - 5) throw new Error('the panel is not beside the editor');
  lap(`panel beside the editor (${groups} groups, panel at x=${Math.round(frameBox.x)})`);
  await page.locator('.contentWidgets .codelens-decoration', { hasText: /tasks/ }).first().waitFor({ timeout: 15000 });
  lap(`result lens: "${await page.locator('.contentWidgets .codelens-decoration', { hasText: /tasks/ }).first().innerText()}"`);
  await shot(page, '2-panel');
  // The CSP has no 'unsafe-inline' for styles: style="" attributes set by the webview are dropped.
  const pad = await webview().locator('.tl-toolbar-row').first().evaluate((el) => getComputedStyle(el).paddingLeft).catch(() => '?');
  const probe = await webview().locator('body').evaluate(() => ({
    csp: [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((m) => m.getAttribute('content') ?? ''),
    ourScripts: [...document.scripts].filter((x) => x.src).map((x) => [x.src.split('/').pop(), Boolean(x.nonce)]),
  }));
  if (!probe.csp.some((c) => c.includes("default-src 'none'") && c.includes("script-src 'nonce-"))) throw new Error(`no strict CSP in the webview: ${JSON.stringify(probe)}`);
  if (!probe.ourScripts.every(([, nonce]) => nonce)) throw new Error(`a script without the nonce: ${JSON.stringify(probe)}`);
  lap(`CSP probe: ${JSON.stringify(probe)}`);
  if (pad !== '10px') problems.push(`inline style attribute blocked by the CSP (.tl-toolbar-row padding-left ${pad}): set styles with element.style instead`);

  // 3. Click lanes on the canvas until the editor reveals a line.
  const before = (await selection.innerText().catch(() => '')).trim();
  const canvas = webview().locator('.tl-canvas-wrap canvas').first();
  const cbox = await canvas.boundingBox();
  const labels = webview().locator('.tl-label[title]');
  let revealed = '';
  search: for (let i = 0; i < Math.min(await labels.count(), 6); i++) {
    const lbox = await labels.nth(i).boundingBox();
    if (!lbox || !cbox) continue;
    for (const fx of [0.05, 0.15, 0.3, 0.5, 0.7, 0.9, 0.97]) {
      await canvas.click({ position: { x: cbox.width * fx, y: lbox.y + lbox.height / 2 - cbox.y } });
      await page.waitForTimeout(300);
      const now = (await selection.innerText().catch(() => '')).trim();
      if (now && now !== before) { revealed = now; lap(`clicked lane ${i} ("${await labels.nth(i).getAttribute('title')}") at ${Math.round(fx * 100)}%`); break search; }
    }
  }
  if (!revealed) throw new Error('clicking the lanes never revealed a source line');
  lap(`editor revealed: ${revealed}`);
  await shot(page, '3-reveal');

  // 4. Editor cursor onto the `await sleep(1000)` line: the timeline selects its events.
  const cursorBefore = await app.getAttribute('data-cursor');
  await page.locator('.monaco-editor .view-line', { hasText: 'await sleep(1000)' }).first().locator('span span', { hasText: /^await$/ }).first().click();
  let cursorAfter = cursorBefore;
  for (let i = 0; i < 30 && cursorAfter === cursorBefore; i++) {
    await page.waitForTimeout(100);
    cursorAfter = await app.getAttribute('data-cursor');
  }
  lap(`editor cursor on the await line: timeline cursor ${cursorBefore} → ${cursorAfter}`);
  if (cursorAfter === cursorBefore) throw new Error('the timeline did not follow the editor cursor');
  await shot(page, '4-cursor-sync');

  // 5. The palette: "Visualize concurrency"; the cursor is inside count(), so a quick pick asks
  //    what to run: "This function" calls count() once more after the module's own run.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('Visualize concurrency');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Visualize concurrency' }).first().waitFor();
  await page.keyboard.press('Enter');
  const thisFunction = page.locator('.quick-input-list .monaco-list-row', { hasText: 'This function: count()' }).first();
  await thisFunction.waitFor({ timeout: 15000 });
  await shot(page, '5-quick-pick');
  await thisFunction.click();
  lap('palette → This function: count()');
  let lanesAfter = lanes;
  for (let i = 0; i < 150 && lanesAfter === lanes; i++) {
    await page.waitForTimeout(100);
    lanesAfter = Number(await app.getAttribute('data-lanes'));
  }
  lap(`count() as the entry: ${lanesAfter} lanes: "${(await webview().locator('.tl-summary').innerText()).replace(/\s+/g, ' ')}"`);
  if (!(lanesAfter > lanes)) throw new Error(`count() as the entry should add a lane (${lanesAfter} vs ${lanes})`);
  await shot(page, '6-palette-run');

  // 7. Reload the window: the serializer restores the panel (activation by onWebviewPanel) and it draws again.
  await page.reload();
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  const restored = webview().locator('.tl-app[data-lanes]');
  await restored.waitFor({ timeout: 60000 });
  lap(`after a reload the panel is back with ${await restored.getAttribute('data-lanes')} lanes`);
  await shot(page, '7-restored');

  // 8. A long run (an infinite loop): a progress notification with Cancel; Cancel stops it.
  await quickOpen('busy.ts', 'busy.ts');
  await page.locator('.monaco-editor .view-lines', { hasText: 'while (true)' }).first().waitFor();
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('Visualize concurrency');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Visualize concurrency' }).first().waitFor();
  await page.keyboard.press('Enter');
  const toast = page.locator('.notification-toast', { hasText: 'running busy.ts' });
  await toast.waitFor({ timeout: 15000 });
  await shot(page, '8-progress');
  await toast.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
  await toast.waitFor({ state: 'detached', timeout: 15000 });
  const status = webview().locator('.tl-status', { hasText: /cancelled/i });
  await status.waitFor({ timeout: 15000 });
  lap(`Cancel stopped the run: "${(await status.innerText()).trim()}"`);
  await shot(page, '9-cancelled');

  // 10. "Open sample…" → libuv's threadpool: an editable copy opens and runs; the timeline shows the pool.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('Open sample');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open sample' }).first().waitFor();
  await page.keyboard.press('Enter');
  // The gallery's list shows a screenful: filter it to the sample.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Hello World' }).first().waitFor({ timeout: 15000 });
  await page.keyboard.type('threadpool');
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: "libuv's threadpool" }).first();
  await pick.waitFor({ timeout: 15000 });
  await pick.click();
  await page.locator('.monaco-editor .view-lines', { hasText: 'UV_THREADPOOL_SIZE' }).first().waitFor({ timeout: 30000 });
  const pool = webview().locator('.tl-label', { hasText: 'libuv threadpool · 4 threads' });
  await pool.first().waitFor({ timeout: 60000 });
  const poolSummary = (await webview().locator('.tl-summary').innerText()).replace(/\s+/g, ' ');
  lap(`threadpool sample: "${poolSummary}"`);
  if (!/8 on the threadpool/.test(poolSummary)) throw new Error(`expected 8 requests on the threadpool: ${poolSummary}`);
  await shot(page, '10-threadpool-sample');

  // 11. A program that calls an outside API, replayed from the recording beside it: the panel says
  //     so, with "Record again" (not clicked here: it would perform the requests for real).
  await quickOpen('weather.ts', 'weather.ts');
  await page.locator('.monaco-editor .view-lines', { hasText: 'api.example.com' }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('Visualize concurrency');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Visualize concurrency' }).first().waitFor();
  await page.keyboard.press('Enter');
  const fileOrFunction = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Whole file' }).first();
  if (await fileOrFunction.waitFor({ timeout: 3000 }).then(() => true, () => false)) await fileOrFunction.click();
  const replayed = webview().locator('.tl-banner[data-kind=network]');
  await replayed.waitFor({ timeout: 60000 });
  const replayedText = (await replayed.innerText()).replace(/\s+/g, ' ').trim();
  lap(`outside API replayed: "${replayedText}"`);
  if (!/^2 requests replayed from a recording of 2026-11-29 \(\.async-timeline\/recordings\/weather\.ts\.json\)\. Record again$/.test(replayedText)) {
    throw new Error(`unexpected network banner: ${replayedText}`);
  }
  await shot(page, '11-replayed-recording');

  // 12. "Compare runs…" from the palette, the way a user compares two programs: tick hello-async.ts
  //     and hello-sync.ts in the multi-select pick, OK. The compare panel tables each run's time by
  //     cause (the critical path's) side by side and marks the causes that differ (issue 11 item 3).
  //     From hello-async.ts's editor, so the panel opens beside it, as narrow as a user sees it.
  await palette('View: Close All Editors', 'Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hello-async.ts' }).first().dblclick();
  await page.locator('.monaco-editor .view-lines', { hasText: 'async function count' }).first().waitFor({ timeout: 30000 });
  await palette('Async Timeline: Compare runs', 'Compare runs');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hello-async.ts' }).first().waitFor({ timeout: 15000 });
  await page.keyboard.type('hello-');
  for (const name of ['hello-async.ts', 'hello-sync.ts']) {
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 10000 });
    // A click on a row's label toggles its checkbox in a multi-select pick.
    await row.locator('label.quick-input-list-label').first().click();
  }
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
  lap('palette → Compare runs… → hello-async.ts + hello-sync.ts');
  const compareFrame = await webviewWith('.tl-causes-table', 90000);
  const causesLine = (await compareFrame.locator('.tl-causes-differ').innerText()).replace(/\s+/g, ' ').trim();
  const causesHead = await compareFrame.locator('.tl-causes-table thead th').allInnerTexts();
  const causeRows = await compareFrame.locator('.tl-causes-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    cause: tr.dataset.cause,
    differs: tr.classList.contains('tl-cause-differs'),
    cells: [...tr.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim()),
  })));
  lap(`time by cause: "${causesLine}" ${JSON.stringify(causeRows)}`);
  const expectRows = [
    { cause: 'timers', differs: true, cells: ['timers', '1.00 s', '0 ms −1.00 s', '≠ differs'] },
    { cause: 'blocking', differs: true, cells: ['blocking', '0 ms', '3.00 s +3.00 s', '≠ differs'] },
  ];
  if (causesLine !== 'Time by cause differs from hello-async: timers −1.00 s · blocking +3.00 s') throw new Error(`unexpected time-by-cause line: ${causesLine}`);
  if (JSON.stringify(causesHead) !== JSON.stringify(['time by cause', 'hello-async', 'hello-sync', 'between the runs'])) throw new Error(`unexpected time-by-cause head: ${JSON.stringify(causesHead)}`);
  if (JSON.stringify(causeRows) !== JSON.stringify(expectRows)) throw new Error(`unexpected time-by-cause rows: ${JSON.stringify(causeRows)}`);
  // The differing causes stand out (their names in another colour than the runs table's) and no
  // table is cut off at the panel's right edge (a table wider than the panel scrolls sideways).
  const look = await compareFrame.locator('body').evaluate(() => ({
    plain: getComputedStyle(document.querySelector('.tl-compare-table tbody th')).color,
    marked: [...document.querySelectorAll('.tl-causes-table tr.tl-cause-differs th')].map((th) => getComputedStyle(th).color),
    width: document.documentElement.clientWidth,
    tables: [...document.querySelectorAll('.tl-compare-table')].map((t) => [t.getAttribute('aria-label'), Math.round(t.getBoundingClientRect().right), t.scrollWidth > t.clientWidth ? 'scrolls' : 'fits']),
  }));
  lap(`time-by-cause look: ${JSON.stringify(look)}`);
  if (look.marked.length !== 2 || look.marked.some((c) => c === look.plain)) throw new Error(`the differing causes are not marked: ${JSON.stringify(look)}`);
  if (look.tables.some(([, right]) => right > look.width + 1)) throw new Error(`a table is cut off at the panel's right edge: ${JSON.stringify(look)}`);
  const besideEditor = await page.locator('.editor-group-container').count();
  lap(`compare panel beside the editor: ${besideEditor} editor groups`);
  await palette('Notifications: Clear All Notifications', 'Clear All Notifications');
  await shot(page, '12-compare-time-by-cause');

  if (problems.length) {
    console.log(`CSP problems in the webview (${problems.length}):\n  ${[...new Set(problems)].slice(0, 5).join('\n  ')}`);
    throw new Error('the webview violated its Content Security Policy');
  }
  console.log('UI E2E OK');
} catch (e) {
  console.log('UI E2E FAILED:', e instanceof Error ? e.message : e);
  await page.screenshot({ path: path.join(outDir, 'vscode-failure.png') }).catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
