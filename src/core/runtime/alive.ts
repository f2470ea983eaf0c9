/**
 * What keeps a run alive when a budget stops it — the question `why-is-node-running` answers:
 * one EventKind.Alive per ref'd timer still scheduled (its TimerSchedule carries the site), per
 * handle the simulated world holds open (a listening server, a socket, a worker; c = the site
 * where the program started it, when known: a server's listen line), per I/O
 * request still pending. Recorded just before the Truncated event; src/core/analysis reads them.
 */
import { EventKind } from '../trace/format';
import { simAliveHandles, simPendingIo } from './sim-bridge';
import { rt } from './state';
import { refedTimerIds } from './timers';

export function recordAlive(): void {
  const rec = rt.rec;
  for (const id of refedTimerIds()) rec.force(EventKind.Alive, id, 0, 0);
  for (const { what, site } of simAliveHandles()) rec.force(EventKind.Alive, 0, rec.str(what), site);
  for (const what of simPendingIo()) rec.force(EventKind.Alive, 0, rec.str(what), 0);
}
