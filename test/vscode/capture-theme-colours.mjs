// Captures the colours VS Code hands a webview (its --vscode-* CSS variables) in the default
// light, dark and high-contrast themes, from a real workbench (code-server 4.100.3 = VS Code
// 1.100.3), into test/browser/fixtures/vscode-theme-colours.json. The browser tests set these
// on the timeline page exactly as VS Code does and compute text contrast from them.
//   bash scripts/e2e-setup.sh && node test/vscode/capture-theme-colours.mjs
// (Run again when the VS Code version of the harness changes.)
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const H = process.env.E2E_HOME ?? path.join(root, '.test-output/vscode-harness');
const CS = path.join(H, 'cs/node_modules/.bin/code-server');
const RUN = fs.mkdtempSync(path.join(os.tmpdir(), 'at-theme-'));
const WS = path.join(RUN, 'ws');
for (const d of ['user/User', 'ext', 'xdg/config', 'xdg/data', 'ws']) fs.mkdirSync(path.join(RUN, d), { recursive: true });
fs.writeFileSync(path.join(WS, 'a.md'), '# colours\n');
const settings = JSON.parse(fs.readFileSync(path.join(root, 'test/vscode/settings.json'), 'utf8'));
const writeSettings = (theme) => fs.writeFileSync(path.join(RUN, 'user/User/settings.json'), JSON.stringify({ ...settings, 'workbench.colorTheme': theme }));
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', 'high-contrast': 'Default High Contrast', 'high-contrast-light': 'Default High Contrast Light' };
// How the theme picker lists them.
const LABELS = { light: 'Light Modern', dark: 'Dark Modern', 'high-contrast': 'Dark High Contrast', 'high-contrast-light': 'Light High Contrast' };
writeSettings(THEMES.light);
const port = Number(execFileSync(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"]).toString());
const env = { ...process.env, XDG_CONFIG_HOME: path.join(RUN, 'xdg/config'), XDG_DATA_HOME: path.join(RUN, 'xdg/data') };
const cs = spawn(CS, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--user-data-dir', path.join(RUN, 'user'), '--extensions-dir', path.join(RUN, 'ext'),
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', WS], { env, detached: true, stdio: 'ignore' });
const stop = () => { try { process.kill(-cs.pid); } catch { /* gone */ } };
process.on('exit', stop);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-chrome-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1200, height: 800 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
try {
  for (let i = 0; i < 160; i++) {
    try { await fetch(`http://127.0.0.1:${port}/healthz`); break; } catch { await new Promise((r) => setTimeout(r, 250)); }
  }
  await page.goto(`http://127.0.0.1:${port}/?folder=${WS}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.keyboard.press('Control+P');
  await page.keyboard.type('a.md');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'a.md' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  await page.keyboard.press('F1');
  await page.keyboard.type('Markdown: Open Preview to the Side');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Preview to the Side' }).first().waitFor();
  await page.keyboard.press('Enter');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator('body').waitFor({ timeout: 60000 });
  const out = {};
  for (const [kind, theme] of Object.entries(THEMES)) {
    if (kind !== 'light') {
      // The theme picker, as a user switches themes (keys go to the workbench, not the preview's frame).
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+T');
      await page.locator('.quick-input-widget input').waitFor();
      await page.waitForTimeout(500);
      await page.keyboard.type(LABELS[kind]);
      await page.screenshot({ path: path.join(RUN, `picker-${kind}.png`) });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: LABELS[kind] }).first().waitFor();
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
    }
    let vars = {};
    for (let i = 0; i < 100; i++) {
      await page.waitForTimeout(200);
      const read = await frame.locator('html').evaluate((el) => ({
        cls: document.body.className,
        vars: Object.fromEntries([...el.style].filter((n) => n.startsWith('--vscode-')).map((n) => [n, el.style.getPropertyValue(n).trim()])),
      }));
      const want = kind === 'high-contrast-light' ? 'vscode-high-contrast-light' : `vscode-${kind}`;
      if (read.cls.split(/\s+/).includes(want)) { vars = read.vars; break; }
    }
    if (Object.keys(vars).length < 100) throw new Error(`no theme variables for ${theme}`);
    out[kind] = { theme, bodyClass: kind === 'high-contrast-light' ? 'vscode-high-contrast vscode-high-contrast-light' : `vscode-${kind}`, vars };
    console.log(`${theme}: ${Object.keys(vars).length} variables`);
  }
  const file = path.join(root, 'test/browser/fixtures/vscode-theme-colours.json');
  fs.writeFileSync(file, JSON.stringify({ source: 'code-server 4.100.3 (VS Code 1.100.3), webview --vscode-* variables', themes: out }, null, 1) + '\n');
  console.log(`wrote ${file}`);
} catch (e) {
  await page.screenshot({ path: '/tmp/capture-failure.png' }).catch(() => {});
  throw e;
} finally {
  await context.close();
  stop();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
