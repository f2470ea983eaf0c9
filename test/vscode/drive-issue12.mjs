// The UI walk of issue 12, in the real workbench (code-server) in headless Chromium, against the
// installed .vsix (e2e.sh runs it after drive.mjs): the Getting Started walkthrough, the test
// CodeLens above a mocha file and the test's timeline, a saved trace reopened in the read-only
// trace editor, Find races on samples/race.ts and in one test of transfers.test.ts.
// Screenshots: $OUT_DIR/vscode-issue12-*.png. Selectors as in drive.mjs.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const url = process.env.CS_URL;
const ws = process.env.WS;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const outDir = process.env.OUT_DIR ?? '.test-output/screenshots';
fs.mkdirSync(outDir, { recursive: true });
const t0 = Date.now();
const lap = (m) => console.log(`[ui-12 ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const shot = async (page, name) => {
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(outDir, `vscode-issue12-${name}.png`) });
  lap(`screenshot vscode-issue12-${name}.png`);
};

// A saved trace in the workspace, as "Save trace…" or `run --trace` writes it.
execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'run', 'samples/chat-async.ts', '--trace', 'chat-async.async-timeline.json'], { cwd: ws, stdio: 'ignore' });

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-chrome-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 850 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
const webview = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function palette(text, rowText) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function quickOpen(text) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The races panel as a user reads it: its headline, outcomes and first divergence, no table cut off at the panel's edge. */
async function checkRacesPanel(headline) {
  const summary = (await webview().locator('.tl-summary').innerText()).replace(/\s+/g, ' ');
  if (!summary.includes(headline)) throw new Error(`the races panel's summary lacks "${headline}": ${summary}`);
  const look = await webview().locator('body').evaluate(() => ({
    width: document.documentElement.clientWidth,
    outcomes: [...document.querySelectorAll('.tl-races-table tbody tr')].map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()),
    divergence: document.querySelector('.tl-races-divergence')?.innerText.trim(),
    tables: [...document.querySelectorAll('.tl-compare-table')].map((t) => [t.getAttribute('aria-label'), Math.round(t.getBoundingClientRect().right), t.scrollWidth > t.clientWidth ? 'scrolls' : 'fits']),
  }));
  lap(`races panel: ${JSON.stringify(look)}`);
  if (look.tables.length !== 3) throw new Error(`expected the outcomes, runs and time-by-cause tables: ${JSON.stringify(look.tables)}`);
  if (look.tables.some(([, right]) => right > look.width + 1)) throw new Error(`a table is cut off at the panel's right edge: ${JSON.stringify(look)}`);
  if (!/^First divergence at \S+ ms — default: /.test(look.divergence ?? '')) throw new Error(`no first divergence: ${look.divergence}`);
}

let rc = 0;
/** One part of the walk: a failure is reported (with a screenshot) and the walk goes on. */
async function step(name, body) {
  try {
    await body();
  } catch (e) {
    rc = 1;
    console.log(`[ui-12] ${name} FAILED: ${e?.message ?? e}`);
    await page.screenshot({ path: path.join(outDir, `vscode-issue12-failure-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    await page.keyboard.press('Escape').catch(() => {});
  }
}
try {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'samples' }).first().waitFor({ timeout: 60000 });
  lap('workbench loaded');

  // 1. The test lens above a mocha file, then the race test's timeline.
  await step('test lens', async () => {
  await quickOpen('orders.test.ts');
  await page.locator('.monaco-editor .view-lines', { hasText: 'two customers race' }).first().waitFor();
  const lens = page.locator('.contentWidgets .codelens-decoration', { hasText: 'Visualize test' });
  await lens.first().waitFor({ timeout: 60000 });
  await shot(page, 'test-codelens');
  await lens.nth(1).locator('a').first().click();
  lap('clicked "▶ Visualize test" above the race');
  await webview().locator('.tl-app[data-lanes]').waitFor({ timeout: 90000 });
  await webview().locator('.tl-console', { hasText: 'only one may get the last item' }).first().waitFor({ timeout: 30000 });
  await palette('Notifications: Clear All Notifications', 'Clear All Notifications');
  await shot(page, 'test-timeline');
  });
  await palette('View: Close All Editors', 'Close All Editors');

  // 2. The walkthrough, from the palette (once the extension is loaded: its lenses showed).
  await step('walkthrough', async () => {
    await palette('Async Timeline: Get started', 'Async Timeline: Get started');
    await page.getByText('Get started with Async Timeline').first().waitFor({ timeout: 30000 });
    await page.getByText('Open a sample').first().waitFor();
    await shot(page, 'walkthrough');
    await page.getByText('Find a race', { exact: true }).first().click();
    await page.waitForTimeout(800);
    await shot(page, 'walkthrough-race');
  });
  await palette('View: Close All Editors', 'Close All Editors');

  // 3. A saved trace, reopened: the read-only trace editor.
  await step('saved trace', async () => {
    // Written after the workbench started: make the explorer and file search see it.
    await palette('File: Refresh Explorer', 'Refresh Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'chat-async.async-timeline.json' }).first().dblclick({ timeout: 30000 });
    await webview().locator('.tl-banner[data-kind=saved]').waitFor({ timeout: 90000 });
    await webview().locator('.tl-app[data-lanes]').waitFor({ timeout: 30000 });
    await shot(page, 'saved-trace');
  });
  await palette('View: Close All Editors', 'Close All Editors');

  // 4. Find races (issue 11): the ⚡ lens next to Visualize on samples/race.ts, the outcomes in
  // the panel, the default and the money-losing run side by side, their first divergence marked.
  await step('find races', async () => {
    await quickOpen('race.ts');
    await page.locator('.monaco-editor .view-lines', { hasText: 'check-then-act' }).first().waitFor();
    const lens = page.locator('.contentWidgets .codelens-decoration', { hasText: 'Find races' });
    await lens.nth(1).waitFor({ timeout: 60000 });
    // The second lens line is main()'s (the whole file); transfer()'s would ask for its arguments.
    await lens.nth(1).locator('a', { hasText: 'Find races' }).first().click();
    lap('clicked "⚡ Find races"');
    await webview().locator('.tl-races-table').waitFor({ timeout: 120000 });
    await webview().locator('.tl-races-table tbody tr', { hasText: 'total 180' }).first().waitFor({ timeout: 10000 });
    await webview().locator('.tl-races-divergence').waitFor({ timeout: 10000 });
    await checkRacesPanel('samples/race.ts: 200 runs, 2 outcomes');
    await palette('Notifications: Clear All Notifications', 'Clear All Notifications');
    await shot(page, 'find-races');
  });
  await palette('View: Close All Editors', 'Close All Editors');

  // 5. Find races in one test: the test lens's "⚡ Find races in this test" above the flaky
  // node:test test of transfers.test.ts (a late timer loses a withdrawal and its assert fails).
  await step('find races in a test', async () => {
    await quickOpen('transfers.test.ts');
    await page.locator('.monaco-editor .view-lines', { hasText: 'two transfers keep the total' }).first().waitFor();
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Find races in this test' });
    await lens.nth(1).waitFor({ timeout: 60000 });
    // The first is above 'a single transfer', the second above 'two transfers keep the total'.
    await lens.nth(1).click();
    lap('clicked "⚡ Find races in this test" above "two transfers keep the total"');
    await webview().locator('.tl-races-table').waitFor({ timeout: 180000 });
    // Its failure as the test reporter prints it (TAP on Node 20, the spec reporter's ✖ on 23+).
    await webview().locator('.tl-races-table tbody tr', { hasText: /(✖|not ok \d+ -) two transfers keep the total/ }).first().waitFor({ timeout: 10000 });
    await webview().locator('.tl-races-divergence').waitFor({ timeout: 10000 });
    await checkRacesPanel('“transfers two transfers keep the total”: 200 runs, 2 outcomes');
    await palette('Notifications: Clear All Notifications', 'Clear All Notifications');
    await shot(page, 'find-races-test');
  });
} catch (e) {
  rc = 1;
  console.log(`[ui-12] FAILED: ${e?.message ?? e}`);
  await page.screenshot({ path: path.join(outDir, 'vscode-issue12-failure.png') }).catch(() => {});
}
await context.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
process.exit(rc);
