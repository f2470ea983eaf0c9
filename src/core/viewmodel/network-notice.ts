/**
 * What the panel says about hosts outside the program (issue 9, docs/recordings.md): how many
 * requests of this run were replayed from a recording, and of which day, or were performed for
 * real and recorded just now. Real I/O is real, so a run that reached the outside world says so.
 *
 * The trace is data from a file the user may have been sent: `meta.network` is read
 * defensively (a field of the wrong type is as good as absent), and every string in the
 * result goes into the panel as text.
 */


export interface NetworkNotice {
  /** One sentence for the banner. */
  text: string;
  /** The run used a recording it could refresh: the panel offers "Record again". */
  canRecordAgain: boolean;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

function requests(n: number): string {
  return `${n} request${n === 1 ? '' : 's'}`;
}

/** The day of an ISO timestamp ("2026-11-29"), or undefined for anything else. */
function dayOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;
}

/** The banner for a run's outside requests, or undefined when it made none (or the trace predates recordings). */
export function networkNotice(network: unknown): NetworkNotice | undefined {
  if (typeof network !== 'object' || network === null) return undefined;
  const n = network as Record<string, unknown>;
  const replayed = count(n.replayed);
  const recorded = count(n.recorded);
  if (replayed === 0 && recorded === 0) return undefined;
  const file = typeof n.recording === 'string' && n.recording !== '' ? n.recording : undefined;
  const where = file ? ` (${file})` : '';
  const day = dayOf(n.recordedAt);
  const parts: string[] = [];
  if (recorded > 0) {
    parts.push(`${requests(recorded)} to hosts outside the program ${recorded === 1 ? 'was' : 'were'} performed for real and recorded${where}; later runs replay ${recorded === 1 ? 'it' : 'them'} in virtual time.`);
  }
  if (replayed > 0) {
    parts.push(`${requests(replayed)} replayed from a recording${day ? ` of ${day}` : ''}${recorded > 0 ? '' : where}.`);
  }
  return { text: parts.join(' '), canRecordAgain: n.mode !== 'off' };
}
