/** The analysis as text: `async-timeline run --report` prints it on stderr after the run. */
import type { Finding, FindingKind, RunAnalysis, TimeCause } from './types';

/** Each cause of time in words (the report, the panel's Answers, the compare view's table). */
export const CAUSE_NAMES: Record<TimeCause, string> = {
  timers: 'timers',
  io: 'I/O',
  network: 'network',
  blocking: 'blocking',
  'core-wait': 'threads waiting for a core',
  loop: 'the event loop (busy or queued)',
};

const SECTION: Record<FindingKind, string> = {
  'suspended-forever': 'Leftovers',
  'top-level-await': 'Leftovers',
  'kept-alive': 'What kept the run alive',
  floating: 'Floating promises',
  'late-handled': 'Floating promises',
  blocking: 'Blocking',
};

export function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)));
}

/** `timers 1000 ms · blocking 20 ms` (largest first), or '' for a run where no time passed. */
export function formatTimeByCause(byCause: Partial<Record<TimeCause, number>>): string {
  return (Object.entries(byCause) as Array<[TimeCause, number]>)
    .filter(([, v]) => v > 0)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${CAUSE_NAMES[k]} ${num(v)} ms`)
    .join(' · ');
}

function findingLines(f: Finding): string[] {
  const at = f.place ? `${f.place.file}:${f.place.line}:${f.place.column}: ` : '';
  const lines = [`  ${at}${f.message}`];
  for (const r of f.related) lines.push(`      ${r.place ? `${r.place.file}:${r.place.line}:${r.place.column}: ` : ''}${r.message}`);
  return lines;
}

export function formatReport(analysis: RunAnalysis): string {
  const out: string[] = [];
  const path = analysis.criticalPath;
  out.push(`Critical path: ${num(path.end)} ms${path.chain.length ? ` — ${path.chain.join(' → ')}` : ''}`);
  for (const s of path.segments) {
    const at = s.place ? ` (${s.place.file}:${s.place.line})` : '';
    out.push(`  ${num(s.from)}–${num(s.to)} ms  ${CAUSE_NAMES[s.cause]} ${num(s.to - s.from)} ms: ${s.label}${at}`);
  }
  const by = formatTimeByCause(path.byCause);
  out.push(`Time by cause: ${by || 'no time passed'}`);
  const sections = new Map<string, Finding[]>();
  for (const f of analysis.findings) {
    const name = SECTION[f.kind];
    const list = sections.get(name);
    if (list) list.push(f);
    else sections.set(name, [f]);
  }
  for (const name of ['Leftovers', 'What kept the run alive', 'Floating promises', 'Blocking']) {
    const list = sections.get(name);
    const title = name === 'Blocking' ? `Blocking (≥ ${num(analysis.blockingThresholdMs)} ms)` : name;
    if (!list) {
      if (name !== 'What kept the run alive') out.push(`${title}: none`);
      continue;
    }
    out.push(`${title}:`);
    for (const f of list) out.push(...findingLines(f));
  }
  return out.join('\n') + '\n';
}
