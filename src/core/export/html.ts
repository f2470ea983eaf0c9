/**
 * The standalone HTML export: ONE file that shows a trace's timeline in any browser, offline.
 *
 * - The webview bundle (dist/webview.js, dist/webview.css) is inlined; nothing is fetched.
 * - The trace is embedded as JSON in `<script type="application/json">`, which the browser
 *   never executes. Every `<` is written as `\u003c`, so no string in the trace (a console
 *   line containing `</script>`) can close the element: user data stays data.
 * - A strict CSP: `default-src 'none'`, and the one inline script and style allowed by nonce.
 *   No network access at all (connect-src, img-src, font-src fall back to 'none').
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TraceFile } from '../trace/format';

export interface HtmlExportOptions {
  /** The page title (default: "Async Timeline — <entry file>"). */
  title?: string;
  /** The webview bundle's text; read from dist/ when omitted. */
  assets?: { js: string; css: string };
  /** The CSP nonce (default: random). Pass one to get byte-identical output. */
  nonce?: string;
}

/** Where dist/ is: beside this file once bundled (dist/cli.js), or three levels up from the source. */
function findAsset(name: string): string {
  const candidates = [path.join(__dirname, name), path.join(__dirname, '..', '..', '..', 'dist', name)];
  for (const candidate of candidates) if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
  throw new Error(`Cannot find ${name} (looked in ${candidates.join(', ')}); run \`npm run build\` first.`);
}

/** `<` → `\u003c` (and the two JS line separators, for safety if the JSON is ever eval'd as JS). */
export function escapeJsonForHtml(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Text for inside an HTML element or attribute value. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderTraceHtml(trace: TraceFile, opts: HtmlExportOptions = {}): string {
  const entry = trace?.meta?.entry ?? '';
  const title = opts.title ?? `Async Timeline — ${path.basename(entry) || 'trace'}`;
  return renderPage('async-timeline-trace', trace, title, opts);
}

/** One run of a comparison page. */
export interface ComparisonRunInput {
  label: string;
  trace: TraceFile;
}

/**
 * The compare page: several runs side by side on one time scale (the webview's compare mode),
 * embedded the same way as a single trace, under another id.
 */
export function renderComparisonHtml(runs: readonly ComparisonRunInput[], opts: HtmlExportOptions = {}): string {
  const title = opts.title ?? `Async Timeline — compare ${runs.map((r) => r.label).join(' vs ')}`;
  return renderPage('async-timeline-comparison', runs, title, opts);
}

function renderPage(dataId: string, data: unknown, title: string, opts: HtmlExportOptions): string {
  const js = opts.assets?.js ?? findAsset('webview.js');
  const css = opts.assets?.css ?? findAsset('webview.css');
  const nonce = opts.nonce ?? randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  // Inline code cannot contain "</script" / "</style" (it would end the element early); the
  // escaped forms mean the same inside JS strings, regexps and CSS.
  const safeJs = js.replace(/<\/(script)/gi, '<\\/$1').replace(/\/\/# sourceMappingURL=.*$/m, '');
  const safeCss = css.replace(/<\/(style)/gi, '<\\/$1').replace(/\/\*# sourceMappingURL=.*\*\//, '');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeText(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeText(title)}</title>`,
    `<style nonce="${nonce}">${safeCss}</style>`,
    '</head>',
    '<body>',
    `<script type="application/json" id="${dataId}">${escapeJsonForHtml(JSON.stringify(data))}</script>`,
    `<script nonce="${nonce}">${safeJs}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
