/**
 * Entry of the timeline webview (dist/webview.js, a browser IIFE).
 *
 * Two homes, one bundle:
 * - inside VS Code: `acquireVsCodeApi` exists; we post `ready` and the host answers `init`
 *   with the trace (see src/shared/protocol.ts). The host's HTML only needs to load this
 *   script and dist/webview.css with its CSP nonce; the app builds its DOM in <body>.
 * - the standalone HTML export (src/core/export/html.ts): the trace is embedded in
 *   `<script type="application/json" id="async-timeline-trace">`; there is no host.
 */
import { PROTOCOL_VERSION } from '../shared/protocol';
import { App } from './app';
import { connectToHost } from './host-bridge';
import { followSystemTheme } from './theme';

/** The id of the embedded trace in the standalone file (the exporter writes it). */
const EMBEDDED_TRACE_ID = 'async-timeline-trace';
/** The id of the embedded runs of a comparison (`async-timeline compare --html`). */
const EMBEDDED_COMPARISON_ID = 'async-timeline-comparison';

function start(): void {
  const bridge = connectToHost();
  // The extension's page provides <div id="app">; the standalone file has a bare body.
  const app = new App(document.getElementById('app') ?? document.body, bridge);
  if (bridge.standalone) {
    followSystemTheme();
    const comparison = document.getElementById(EMBEDDED_COMPARISON_ID);
    if (comparison) {
      let runs: unknown;
      try {
        runs = JSON.parse(comparison.textContent ?? 'null');
      } catch {
        runs = null;
      }
      app.showComparison(runs);
      return;
    }
    const embedded = document.getElementById(EMBEDDED_TRACE_ID);
    let trace: unknown;
    try {
      trace = embedded ? JSON.parse(embedded.textContent ?? 'null') : null;
    } catch {
      trace = { format: 'unreadable' };
    }
    app.showTrace(trace);
    return;
  }
  bridge.onMessage((message) => {
    try {
      app.handle(message);
    } catch (err) {
      bridge.post({ type: 'webviewError', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
    }
  });
  bridge.post({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
}

start();
