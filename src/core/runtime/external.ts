/**
 * External promises: a native (V8) promise that reaches our machinery — `await fetchSomething()`
 * of a real Node API, a `then` on one — cannot be simulated: it settles in real time, on V8's
 * own microtask queue, between our slices. ARCHITECTURE.md: adopt it, wait for it in real time,
 * and mark it *external* in the trace, never silently mixed in.
 *
 * NewPromiseResolveThenableJob hands the native promise wrapped resolving functions: while it is
 * pending the loop stays alive (runSlice answers 'wait'); when it settles (host microtask, between
 * slices) our promise settles and the next slice runs the resulting jobs as an I/O macrotask.
 */
import { EventKind } from '../trace/format';
import { promiseId, setExternalHook } from './promise';
import { rt } from './state';

export let pendingExternals = 0;
/** The warning is said once per run: a loop over real I/O would otherwise flood the trace. */
let warned = false;
const WARNING =
  'a native promise (real I/O, e.g. fs.promises, outside the simulation) reached an await: it was waited for in real time and is marked external in the trace; its timing is not virtual';
/** Set when an external settled since the last slice: its jobs must run. */
export let externalSettled = false;
export function clearExternalSettled(): void {
  externalSettled = false;
}

setExternalHook((p, resolve, reject) => {
  pendingExternals++;
  rt.rec.emit(EventKind.External, promiseId(p), rt.rec.str('native promise'), 0);
  if (!warned) {
    warned = true;
    rt.rec.force(EventKind.Warning, 0, rt.rec.str(WARNING), 0);
  }
  let done = false;
  const settle = () => {
    if (done) return false;
    done = true;
    pendingExternals--;
    externalSettled = true;
    return true;
  };
  return [
    (v?: unknown) => { if (settle()) resolve(v); },
    (e?: unknown) => { if (settle()) reject(e); },
  ];
});
