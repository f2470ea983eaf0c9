/**
 * Sites found from the stack at run time, for the few events the transformer cannot place
 * (a blocking call, a busy-wait, a setInterval): the run's analysis (src/core/analysis) names
 * them at their source. One stack capture each (the host's `userPosition`), so only rare events
 * ask; equal places share one site id.
 */
import type { SourceSite } from '../trace/format';
import { rt } from './state';

const known = new Map<string, number>();

/** The site of the program's innermost frame now, labelled `label`; 0 when unknown or not tracing. */
export function callerSite(label: string, kind: SourceSite['kind'] = 'call'): number {
  if (!rt.tracing || rt.host.userPosition === undefined) return 0;
  const pos = rt.host.userPosition();
  if (pos === undefined) return 0;
  const key = `${pos.file}\0${pos.line}\0${pos.column}\0${kind}\0${label}`;
  let id = known.get(key);
  if (id === undefined) {
    id = rt.rec.site({ file: rt.rec.file(pos.file), line: pos.line, column: pos.column, kind, label });
    known.set(key, id);
  }
  return id;
}
