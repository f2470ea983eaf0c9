/**
 * `--html`: the standalone timeline page comes from the timeline's exporter
 * (`src/core/export/html.ts`, `renderTraceHtml(trace): string`). It is looked up at run time,
 * so the CLI builds whether or not that module exists yet: next to the running bundle
 * (`dist/export-html.js`) or, when running from sources, the TS module itself.
 * Once the exporter has landed, a static import here is the simpler wiring.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TraceFile } from '../core/trace/format';

type Render = (trace: TraceFile) => string;

export function loadHtmlExporter(): Render | undefined {
  const candidates = [path.join(__dirname, 'export-html.js'), path.resolve(__dirname, '../core/export/html')];
  for (const candidate of candidates) {
    try {
      // A computed specifier: the bundler must not try to resolve it at build time.
      const mod = createRequire(__filename)(candidate) as { renderTraceHtml?: Render };
      if (typeof mod.renderTraceHtml === 'function') return mod.renderTraceHtml;
    } catch {
      // not there: try the next place
    }
  }
  return undefined;
}
