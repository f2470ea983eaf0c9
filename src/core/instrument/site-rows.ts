/**
 * The site table goes into the printed file as text (TransformOptions.siteRowsPlaceholder):
 * the transformer prints a placeholder identifier where the rows go, and `spliceSiteRows`
 * replaces it with the rows as JSON (a subset of JavaScript: the same values at run time)
 * and keeps the source map right. Pure string work: no TypeScript.
 */
import type { SiteRow } from '../runtime/instrumentation-api';

/** The digits of a source map's base64 VLQ (also splice-printer.ts's). */
export const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/** One base64 VLQ number of a source map's `mappings` from `at`: its value and the index after it. */
function readVlq(text: string, at: number): { value: number; next: number } {
  let result = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const digit = BASE64_VALUE.get(text[i++]);
    if (digit === undefined) throw new Error(`bad source map VLQ at ${at}`);
    result += (digit & 31) * 2 ** shift;
    shift += 5;
    if ((digit & 32) === 0) break;
  }
  return { value: result % 2 === 1 ? -(result - 1) / 2 : result / 2, next: i };
}

function writeVlq(value: number): string {
  let v = value < 0 ? -value * 2 + 1 : value * 2;
  let out = '';
  do {
    let digit = v % 32;
    v = Math.floor(v / 32);
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

/**
 * One generated line's mappings with every segment from `afterColumn` on moved `delta` columns
 * right. Within a line each segment's column is relative to the previous one, so only the first
 * segment at or past `afterColumn` changes.
 */
export function shiftLineMappings(line: string, afterColumn: number, delta: number): string {
  let column = 0;
  let start = 0;
  while (start < line.length) {
    const { value, next } = readVlq(line, start);
    column += value;
    if (column >= afterColumn) return line.slice(0, start) + writeVlq(value + delta) + line.slice(next);
    const comma = line.indexOf(',', next);
    if (comma < 0) break;
    start = comma + 1;
  }
  return line;
}

/**
 * `code` with its first `placeholder` replaced by the rows, and `mappings` (a source map's,
 * when there is one) moved to match: the rows are on the placeholder's line, so only that
 * line's segments after it move.
 */
export function spliceSiteRows(code: string, mappings: string | undefined, rows: readonly SiteRow[], placeholder: string): { code: string; mappings: string | undefined } {
  const at = code.indexOf(placeholder);
  if (at < 0) return { code, mappings };
  const text = JSON.stringify(rows);
  const spliced = code.slice(0, at) + text + code.slice(at + placeholder.length);
  if (mappings === undefined) return { code: spliced, mappings };
  let line = 0;
  for (let i = code.indexOf('\n'); i >= 0 && i < at; i = code.indexOf('\n', i + 1)) line++;
  const lineStart = code.lastIndexOf('\n', at - 1) + 1;
  const lines = mappings.split(';');
  if (line < lines.length && lines[line] !== '') lines[line] = shiftLineMappings(lines[line], at - lineStart + placeholder.length, text.length - placeholder.length);
  return { code: spliced, mappings: lines.join(';') };
}
