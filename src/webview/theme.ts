/**
 * Colours for the canvas, read from the CSS variables that style.css derives from VS Code's
 * `--vscode-*` theme variables. A canvas cannot use CSS variables itself, so the palette is
 * re-read whenever the theme can have changed: VS Code swaps the body class
 * (vscode-light / vscode-dark / vscode-high-contrast) and its inline style variables, which a
 * MutationObserver sees; the standalone file follows prefers-color-scheme.
 */
import type { ThemeKind } from '../shared/protocol';

export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  border: string;
  panel: string;
  accent: string;
  running: string;
  callback: string;
  computing: string;
  /** I/O outside JavaScript (a pool thread's file work, a child process). */
  io: string;
  suspended: string;
  queued: string;
  blocked: string;
  resolve: string;
  reject: string;
  yield: string;
  console: string;
  arrow: string;
  highlight: string;
  focus: string;
  gap: string;
  font: string;
  mono: string;
  highContrast: boolean;
}

/**
 * Colours of AsyncLocalStorage store values ("Colour by", src/core/viewmodel/als.ts): ten hues
 * that stay apart from each other on light and dark backgrounds (Tableau 10, its grey replaced by
 * a cyan: grey is "no store"). The n-th value takes colour n mod 10; the legend says so.
 */
export const STORE_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#17becf'];

export function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--tl-bg', '#fff'),
    fg: v('--tl-fg', '#000'),
    muted: v('--tl-muted', '#666'),
    border: v('--tl-border', '#ccc'),
    panel: v('--tl-panel', '#f5f5f5'),
    accent: v('--tl-accent', '#06c'),
    running: v('--tl-running', '#2f81f7'),
    callback: v('--tl-callback', '#54aeff'),
    computing: v('--tl-computing', '#bc4c00'),
    io: v('--tl-io', '#0598bc'),
    suspended: v('--tl-suspended', '#999'),
    queued: v('--tl-queued', '#bf8700'),
    blocked: v('--tl-blocked', '#cf222e'),
    resolve: v('--tl-resolve', '#1a7f37'),
    reject: v('--tl-reject', '#cf222e'),
    yield: v('--tl-yield', '#8250df'),
    console: v('--tl-console', '#555'),
    arrow: v('--tl-arrow', '#777'),
    highlight: v('--tl-highlight', '#fff8c5'),
    focus: v('--tl-focus', '#06c'),
    gap: v('--tl-gap', '#eee'),
    font: v('--tl-font', 'system-ui, sans-serif'),
    mono: v('--tl-mono', 'monospace'),
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
  };
}

const THEME_CLASSES = ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light'];

/** Sets the body class the way VS Code does (used by `setTheme` and the standalone file). */
export function applyThemeClass(kind: ThemeKind): void {
  document.body.classList.remove(...THEME_CLASSES);
  document.body.classList.add(`vscode-${kind}`);
  if (kind === 'high-contrast-light') document.body.classList.add('vscode-high-contrast');
}

/** In the standalone file: follow the system's light/dark preference, unless a class is already set. */
export function followSystemTheme(): void {
  const query = window.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = (): void => applyThemeClass(query?.matches ? 'dark' : 'light');
  if (!THEME_CLASSES.some((c) => document.body.classList.contains(c))) apply();
  query?.addEventListener?.('change', apply);
}

/** Calls `onChange` when the body's class or inline style (VS Code's theme variables) changes. */
export function watchTheme(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  new MutationObserver(onChange).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
