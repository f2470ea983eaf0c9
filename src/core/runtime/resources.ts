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
import { internalWriteTick } from './ticks';
import { emitInit } from './async-context/hooks';
import { cx, defaultTriggerAsyncId, newAsyncId } from './async-context/state';

/** Bit fd (1: stdout, 2: stderr) set once that stream was made. A number, not a list: see own-slots.ts. */
let stdio = 0;

/** process.stdout / process.stderr was made (a write, console, or the getter). */
export function stdioUsed(fd: 1 | 2): void {
  if ((stdio & fd) === 0) {
    stdio |= fd;
    // Its pipe handle is an async resource of Node's (PIPEWRAP): it takes an id.
    if (rt.host.thread === undefined) {
      const id = newAsyncId();
      if (cx.init > 0) emitInit(id, 'PIPEWRAP', defaultTriggerAsyncId(), {});
    }
  }
}

/** The callback of the afterWrite tick each stdio stream has pending (Writable's afterWriteTickInfo), or null. */
const pendingWriteCb: unknown[] = [null, null, null];
const NO_CALLBACK = {};

/**
 * A write to stdout/stderr (a pipe, which takes the data synchronously): Writable defers its
 * callback to a tick (afterWriteTick), shared by the following writes with the same callback
 * until it runs — console's writes and writes without a callback share one.
 */
export function stdioWritten(fd: 1 | 2, cb?: () => void): void {
  if (rt.host.thread !== undefined) {
    if (cb !== undefined) internalWriteTick(cb);
    return;
  }
  const key = cb ?? NO_CALLBACK;
  if (pendingWriteCb[fd] === key) {
    if (cb !== undefined) internalWriteTick(cb);
    return;
  }
  pendingWriteCb[fd] = key;
  internalWriteTick(() => {
    pendingWriteCb[fd] = null;
    if (cb !== undefined) cb();
  });
}

export function activeResourcesInfo(): string[] {
  const out: string[] = [];
  if (rt.host.thread === undefined) for (let i = (stdio & 1) + (stdio >> 1); i > 0; i--) out.push('PipeWrap');
  for (let i = 0; i < timerRefCount; i++) out.push('Timeout');
  for (let i = 0; i < immediateRefCount; i++) out.push('Immediate');
  return out;
}
