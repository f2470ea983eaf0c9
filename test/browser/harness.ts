/**
 * Drives headless Debian Chromium (playwright-core, no downloaded browser) over the HTML
 * export: the standalone file is the same bundle as the webview, so what passes here passes
 * in the panel, minus the host messages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderTraceHtml } from '../../src/core/export/html';
import type { TraceFile } from '../../src/core/trace/format';

export const ROOT = path.resolve(__dirname, '..', '..');
export const OUT = path.join(ROOT, '.test-output');
export const SCREENSHOTS = path.join(OUT, 'screenshots');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Builds dist/ when the webview bundle is missing or older than its sources. */
export function ensureBuilt(): void {
  const bundle = path.join(ROOT, 'dist', 'webview.js');
  const newest = (dir: string): number => Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) =>
    e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs));
  const sources = Math.max(newest(path.join(ROOT, 'src', 'webview')), newest(path.join(ROOT, 'src', 'core', 'viewmodel')));
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < sources) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
}

/** Runs a sample through the real engine (dist/cli.js) and returns its trace; `args`: more CLI options (`--entry f`). */
export function traceOfSample(sample: string, args: string[] = [], name = path.basename(sample, '.ts')): TraceFile {
  const out = path.join(OUT, 'traces', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'run', sample, ...args, '--trace', out], { cwd: ROOT, stdio: 'pipe' });
  return JSON.parse(fs.readFileSync(out, 'utf8')) as TraceFile;
}

export async function launch(): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'at-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 2,
    offline: true,
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  errors: string[];
}

/** Writes the HTML export of `trace` (or raw JSON text) and opens it. */
export async function openTrace(context: BrowserContext, name: string, trace: unknown, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenedPage> {
  const file = path.join(OUT, 'html', `${name}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderTraceHtml(trace as TraceFile));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.emulateMedia({ colorScheme });
  await page.goto(`file://${file}`);
  await page.waitForSelector('.tl-summary');
  await page.waitForFunction(() => document.querySelector('.tl-fatal') || (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** How many distinct colours the canvas shows (a blank canvas has one). */
export async function canvasColours(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return colours.size;
  });
}
