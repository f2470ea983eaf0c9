/**
 * `async-timeline view <trace.async-timeline.json> [--html out.html] [--perfetto out.json]`:
 * a saved trace (src/core/export/trace-file.ts: an older format version is upgraded; a newer,
 * cut-short or foreign file is refused with one sentence) written as the standalone timeline
 * page or as Chrome Trace Event JSON. Runs nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderChromeTraceJson } from '../core/export/perfetto';
import { readTraceText } from '../core/export/trace-file';
import type { CliArgs } from './args';
import { exportHtml } from './html';

export function runView(args: CliArgs): number {
  const cwd = process.cwd();
  const file = path.resolve(cwd, args.file!);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`async-timeline: cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const read = readTraceText(text);
  if (!read.ok) {
    process.stderr.write(`async-timeline: ${args.file}: ${read.message}\n`);
    return 1;
  }
  for (const notice of read.notices) process.stderr.write(`async-timeline: ${notice}\n`);
  if (args.htmlPath) {
    const out = exportHtml(read.trace);
    if ('error' in out) {
      process.stderr.write(`async-timeline: --html is not available: ${out.error}\n`);
      return 2;
    }
    fs.writeFileSync(path.resolve(cwd, args.htmlPath), out.html);
  }
  if (args.perfettoPath) fs.writeFileSync(path.resolve(cwd, args.perfettoPath), renderChromeTraceJson(read.trace));
  return 0;
}
