/**
 * `--html`: the standalone timeline page, made by the timeline's exporter
 * (`src/core/export/html.ts`). Kept behind one function so the CLI reports a clear error
 * (not a crash) when the exporter cannot work, e.g. dist/webview.js was not built.
 */
import { renderTraceHtml } from '../core/export/html';
import type { TraceFile } from '../core/trace/format';

export function exportHtml(trace: TraceFile): { html: string } | { error: string } {
  try {
    return { html: renderTraceHtml(trace) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
