/**
 * The timeline page as VS Code hosts it, for the browser tests: the built webview bundle and
 * style inlined under a strict CSP, a fake `acquireVsCodeApi` that records what the webview
 * posts and keeps its state, and — optionally — a theme's real colours: the `--vscode-*`
 * variables VS Code 1.100 hands a webview (captured by test/vscode/capture-theme-colours.mjs
 * into fixtures/vscode-theme-colours.json), set on <html> with the body class, as VS Code does.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/shared/protocol';
import { encodeColumnarTrace, isArrayBuffer } from '../../src/core/trace/columnar';
import type { ScannableTrace } from '../../src/core/trace/format';
import { OUT, ROOT } from './harness';

/**
 * A host message as a test writes it: a trace may be given as a trace object, which is posted
 * as the host posts it (its columnar buffer, `encodeColumnarTrace`).
 */
export type TestMessage = HostToWebview | { type: HostToWebview['type']; [field: string]: unknown };

function isTraceObject(value: unknown): value is ScannableTrace {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'async-timeline-trace';
}

/** `message` with every trace object in a `trace` field replaced by its columnar buffer, as the host sends it. */
export function asPosted(message: TestMessage): HostToWebview {
  const walk = (value: unknown, key: string): unknown => {
    if (key === 'trace' && isTraceObject(value)) return encodeColumnarTrace(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, ''));
    if (typeof value === 'object' && value !== null && !isArrayBuffer(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk(message, '') as HostToWebview;
}

/**
 * Posts a host message into the page as VS Code delivers one: ArrayBuffers arrive as
 * ArrayBuffers. (They cross into the page as base64 and are rebuilt there before posting.)
 */
export async function postToPage(page: Page, message: TestMessage): Promise<void> {
  const text = JSON.stringify(asPosted(message), (_key, value: unknown) =>
    isArrayBuffer(value) ? { $arrayBufferBase64: Buffer.from(value).toString('base64') } : value);
  await page.evaluate((json) => {
    const revived = JSON.parse(json, (_key, value: { $arrayBufferBase64?: string }) => {
      if (typeof value !== 'object' || value === null || typeof value.$arrayBufferBase64 !== 'string') return value;
      const binary = atob(value.$arrayBufferBase64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes.buffer;
    }) as unknown;
    window.postMessage(revived, '*');
  }, text);
}

export type ThemeName = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ThemeColours {
  theme: string;
  bodyClass: string;
  vars: Record<string, string>;
}

export const THEME_FILE = path.join(__dirname, 'fixtures', 'vscode-theme-colours.json');

export function themeColours(): Record<ThemeName, ThemeColours> {
  return (JSON.parse(fs.readFileSync(THEME_FILE, 'utf8')) as { themes: Record<ThemeName, ThemeColours> }).themes;
}

export function webviewHtml(savedState: unknown, theme?: ThemeColours): string {
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
  // VS Code sets the variables (and font settings) on <html>; CSS custom properties need no escaping beyond quotes.
  const vars = theme ? Object.entries(theme.vars).map(([k, v]) => `${k}:${v.replace(/"/g, "'")}`).join(';') : '--vscode-editor-background:#123456;--vscode-editor-foreground:#eeeeee';
  return `<!DOCTYPE html><html lang="en" style="${vars}">
<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-t'; script-src 'nonce-t'">
<style nonce="t">${css}</style></head>
<body class="${theme?.bodyClass ?? 'vscode-dark'}"><div id="app"></div>
<script nonce="t">${fakeHost}</script><script nonce="t">${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
}

export interface HostedPage {
  page: Page;
  errors: string[];
  posted(): Promise<WebviewToHost[]>;
  /** Posts a host message (trace objects posted as their columnar buffers, as the host does). */
  send(message: TestMessage): Promise<void>;
  state(): Promise<any>;
}

/** Opens the page (a fresh tab) and waits for the webview's `ready`. */
export async function openHosted(context: BrowserContext, name: string, opts: { state?: unknown; theme?: ThemeColours; viewport?: { width: number; height: number } } = {}): Promise<HostedPage> {
  const file = path.join(OUT, 'html', `${name}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, webviewHtml(opts.state ?? null, opts.theme));
  const page = await context.newPage();
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => (window as any).__posted?.some((m: { type: string }) => m.type === 'ready'));
  return {
    page,
    errors,
    posted: () => page.evaluate(() => (window as any).__posted),
    send: (message) => postToPage(page, message),
    state: () => page.evaluate(() => (window as any).__state),
  };
}

/** Sends `init` with the trace and waits for the first paint. */
export async function showTrace(hosted: HostedPage, trace: unknown, extra: Partial<Extract<HostToWebview, { type: 'init' }>> = {}): Promise<void> {
  await hosted.send({ type: 'init', trace, ...extra });
  await hosted.page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
  await hosted.page.waitForTimeout(50);
}
