/**
 * process.getActiveResourcesInfo() as Node 20 builds it (lib/internal/bootstrap/node.js): the
 * active requests, then the ref'ed handles, then one 'Timeout' per ref'ed timer and one
 * 'Immediate' per ref'ed immediate. The engine's own handles never appear.
 *
 * Handles: the sandbox's stdout and stderr are pipes (`isTTY` is false), and Node makes each
 * on first use — a 'PipeWrap' from then on, in the order they were made. In a Worker,
 * stdout/stderr are streams over the parent's port (no handle). Requests of real I/O
 * (FSReqCallback, …) are not listed yet.
 */
import { immediateRefCount } from './immediates';
import { rt } from './state';
import { timerRefCount } from './timers';

const stdio: Array<1 | 2> = [];

/** process.stdout / process.stderr was made (a write, console, or the getter). */
export function stdioUsed(fd: 1 | 2): void {
  if (stdio.length < 2 && !stdio.includes(fd)) stdio.push(fd);
}

export function activeResourcesInfo(): string[] {
  const out: string[] = [];
  if (rt.host.thread === undefined) for (let i = 0; i < stdio.length; i++) out.push('PipeWrap');
  for (let i = 0; i < timerRefCount; i++) out.push('Timeout');
  for (let i = 0; i < immediateRefCount; i++) out.push('Immediate');
  return out;
}
