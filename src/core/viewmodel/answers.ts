/**
 * The panel's Answers (issue 11): the run's analysis (src/core/analysis) laid out for the
 * webview — one line for the critical path and one for time by cause, then the findings as
 * rows, each linked to its event (the cursor goes there) and its source place; plus what the
 * canvas draws for them: the critical path's events (highlighted on demand) and a marker per
 * floating promise, late handler or leftover at the event it is about.
 */
import { analyzeRun, formatTimeByCause, type FindingKind, type Place, type RunAnalysis } from '../analysis/index';
import type { ScannableTrace } from '../trace/format';

export type AnswerSection = 'path' | 'leftovers' | 'floating' | 'blocking';

export interface AnswerRow {
  section: AnswerSection;
  kind: FindingKind | 'critical-path' | 'segment';
  severity: 'warning' | 'info';
  text: string;
  /** The event to put the cursor on (-1: none). */
  seq: number;
  place?: Place;
  /** Smaller print under the row: related places ("the promise was made here"). */
  details: Array<{ text: string; seq: number; place?: Place }>;
}

/** A mark the canvas draws at an event. */
export interface AnswerMark {
  seq: number;
  kind: 'floating' | 'leftover' | 'blocking' | 'late-handled';
}

export interface AnswersModel {
  analysis: RunAnalysis;
  /** `Critical path: 1000 ms — main → Promise.all [3] → count #3 → sleep(1000)`. */
  headline: string;
  /** `Time by cause: timers 1000 ms`. */
  timeByCause: string;
  rows: AnswerRow[];
  /** The critical path's events, in time order (the canvas joins them when highlighted). */
  pathSeqs: number[];
  marks: AnswerMark[];
}

const SECTION_OF: Record<FindingKind, AnswerSection> = {
  'suspended-forever': 'leftovers',
  'top-level-await': 'leftovers',
  'kept-alive': 'leftovers',
  floating: 'floating',
  'late-handled': 'floating',
  blocking: 'blocking',
};

const MARK_OF: Partial<Record<FindingKind, AnswerMark['kind']>> = {
  'suspended-forever': 'leftover',
  'top-level-await': 'leftover',
  floating: 'floating',
  'late-handled': 'late-handled',
  blocking: 'blocking',
};

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)));
}

export function buildAnswers(trace: ScannableTrace, options: { blockingThresholdMs?: number } = {}): AnswersModel {
  const analysis = analyzeRun(trace, options);
  const path = analysis.criticalPath;
  const headline = `Critical path: ${num(path.end)} ms${path.chain.length ? ` — ${path.chain.join(' → ')}` : ''}`;
  const by = formatTimeByCause(path.byCause);
  const rows: AnswerRow[] = path.segments.map((s) => ({
    section: 'path',
    kind: 'segment',
    severity: 'info',
    text: `${num(s.from)}–${num(s.to)} ms · ${s.cause === 'core-wait' ? 'waiting for a core' : s.cause === 'io' ? 'I/O' : s.cause} ${num(s.to - s.from)} ms: ${s.label}`,
    seq: s.seq,
    ...(s.place ? { place: s.place } : {}),
    details: [],
  }));
  const marks: AnswerMark[] = [];
  for (const f of analysis.findings) {
    rows.push({
      section: SECTION_OF[f.kind],
      kind: f.kind,
      severity: f.severity,
      text: f.message,
      seq: f.seq,
      ...(f.place ? { place: f.place } : {}),
      details: f.related.map((r) => ({ text: r.message, seq: r.seq ?? -1, ...(r.place ? { place: r.place } : {}) })),
    });
    const mark = MARK_OF[f.kind];
    if (mark && f.seq >= 0) marks.push({ seq: f.seq, kind: mark });
    if (f.kind === 'late-handled') for (const r of f.related) if (r.seq !== undefined) marks.push({ seq: r.seq, kind: 'late-handled' });
  }
  return { analysis, headline, timeByCause: `Time by cause: ${by || 'no time passed'}`, rows, pathSeqs: path.seqs, marks: marks.sort((x, y) => x.seq - y.seq) };
}
