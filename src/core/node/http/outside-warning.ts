/**
 * The run's output says once, for each outside host a program tried to reach, why its
 * connection failed (sim/outside.ts): the program may well catch the error and go on, and a
 * developer reading the output must still learn that the simulation, not the host, refused it.
 * It is a process warning (stderr, `(node:PID) Warning: …`), made by the sandbox's process.
 */
import { outsideHostMessage } from '../../sim/outside';

const warned = new Set<string>();

export function warnOutsideHost(target: string): void {
  if (warned.has(target)) return;
  warned.add(target);
  process.emitWarning(outsideHostMessage(target), { code: 'ASYNC_TIMELINE_OUTSIDE_HOST' } as never);
}
