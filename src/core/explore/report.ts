/**
 * The explorer's report as text (CLI) and as JSON (`--json`, the extension). Pure.
 */
import type { ExploreReport, ReportedOutcome } from './explore';

function percent(f: number): string {
  return `${(f * 100).toFixed(f < 0.1 ? 1 : 0)}%`;
}

function indent(text: string, prefix: string): string {
  return text.replace(/\n$/, '').split('\n').map((l) => prefix + l).join('\n');
}

function outcomeTitle(o: ReportedOutcome, i: number): string {
  const line = o.firstDifferingLine > 0 ? o.stdout.split('\n')[o.firstDifferingLine - 1] : undefined;
  const what = o.isDefault
    ? 'the default schedule\'s outcome'
    : o.truncated ? `stopped: ${o.truncated}`
      : o.errors.length > 0 ? o.errors[0]
        : line !== undefined ? `prints ${JSON.stringify(line)} (line ${o.firstDifferingLine})`
          : `exit code ${o.exitCode}`;
  return `Outcome ${i + 1} — ${o.count} run${o.count === 1 ? '' : 's'} (${percent(o.frequency)}): ${what}`;
}

/** A word for a POSIX shell: as it is when it is safe, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What the replay commands run: the file, and the test selection when the runs had one. */
function replayTarget(r: ExploreReport): string {
  return r.test !== undefined ? `${r.entry} --test ${shellWord(r.test)}` : r.entry;
}

/** "12 runs, 1 outcome" and so on, one line. */
export function exploreHeadline(r: ExploreReport): string {
  const n = r.outcomes.length;
  const what = r.test !== undefined ? 'the test' : 'the program';
  const race = n > 1 ? (r.nondeterministic ? ` (${what} is not deterministic by itself)` : ` — a race: the schedule changes what ${what} does`) : '';
  const selected = r.testTitle !== undefined ? ` › “${r.testTitle}”` : r.test !== undefined ? ` --test ${shellWord(r.test)}` : '';
  return `${r.entry}${selected}: ${r.runs} run${r.runs === 1 ? '' : 's'}, ${n} outcome${n === 1 ? '' : 's'}${race}${r.cancelled ? ' (cancelled)' : ''}`;
}

export function formatExploreReport(r: ExploreReport): string {
  if (r.failed) return `${r.entry}: the program cannot run:\n${r.failed.output}`;
  const lines = [exploreHeadline(r)];
  if (r.nondeterministic) lines.push(`note: ${r.nondeterministic}`);
  if (r.test !== undefined) lines.push('note: the test reporter\'s durations (✔ name (5ms), duration_ms, mocha\'s passing (12ms)) are not part of an outcome: they move with every late timer');
  r.outcomes.forEach((o, i) => {
    lines.push('', outcomeTitle(o, i));
    lines.push(`  exit code ${o.exitCode}${o.truncated ? `, stopped: ${o.truncated}` : ''}`);
    if (o.onlyNumbersDiffer) lines.push('  only numbers differ from the default\'s: times the program measured (Date.now, performance.now) move with the schedule; values (totals, counts) should not');
    if (!o.isDefault) {
      if (o.firstDifferingLine > 0) lines.push(`  stdout differs from the default's at line ${o.firstDifferingLine}:`);
      else lines.push('  stdout: the same as the default\'s; stderr or the exit code differ:');
    }
    if (o.stdout) lines.push('  stdout:', indent(o.stdout, '  │ '));
    if (o.stderr) lines.push('  stderr:', indent(o.stderr.length > 2000 ? o.stderr.slice(0, 2000) + '\n…' : o.stderr, '  │ '));
    if (!o.isDefault) {
      lines.push(`  first seen in run ${o.run}${o.runSeed !== undefined ? ` (schedule seed:${o.runSeed})` : ''}, ${o.perturbations.length} perturbation${o.perturbations.length === 1 ? '' : 's'}`);
      if (o.minimal) {
        lines.push(`  shrunk to ${o.minimal.perturbations.length} (${o.minimal.tries} run${o.minimal.tries === 1 ? '' : 's'}${o.minimal.capped ? ', stopped by the cap' : ''}): ${o.minimal.schedule}`);
        lines.push(`  replay: async-timeline run ${replayTarget(r)} --schedule ${o.minimal.schedule}`);
      } else {
        lines.push(`  replay: async-timeline run ${replayTarget(r)} --schedule ${o.schedule.length > 200 ? `seed:${o.runSeed}` : o.schedule}`);
      }
    }
  });
  lines.push('', `${r.runs} runs in ${(r.exploreMs / 1000).toFixed(2)} s on ${r.workers} worker${r.workers === 1 ? '' : 's'} (${(r.runs / (r.exploreMs / 1000)).toFixed(0)} runs/s), seed ${r.seed}; total with shrinking ${(r.wallMs / 1000).toFixed(2)} s`);
  lines.push('Perturbations: tie@n flips the n-th racy tie, late@n starts the n-th callback 1 ms late, io@n=p takes p % of the n-th I/O latency, poll@n=k runs the k-th ready completion of the n-th busy poll phase first (docs/explore.md).');
  return lines.join('\n') + '\n';
}
