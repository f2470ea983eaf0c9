/**
 * The program's `Error.stackTraceLimit` against the frames of ours.
 *
 * V8 captures `Error.stackTraceLimit` frames in all, ours included, and the stack mapper
 * (engine/stack-map.ts) leaves ours out when it formats them. An async function called
 * synchronously puts four of ours between its body and its caller — the generator's `next`, the
 * driver's `step`, `runAsync` and the instrumenter's outer function — so with two nested calls
 * Node's default limit of 10 lost the caller frames Node prints (`at Object.<anonymous>` and the
 * loader's under it). While a body runs in its call, the realm's limit is raised by those four,
 * and lowered again after; the mapper trims to the limit less the raise (`stackLimitRaise`).
 *
 * The raise is visible to a program that reads `Error.stackTraceLimit` inside an async function
 * before its first await (it reads four more); one that sets it there keeps its own value, and
 * the stacks formatted before that body's first await are trimmed four frames short of it.
 */

/**
 * The realm's own Error (this runs in the sandbox's realm), before a program can replace the
 * global. Held here, not looked up: a global's lookup in a vm context goes through the context's
 * interceptor (hundreds of ns), and this runs at every async function call.
 */
const RealmError = Error;

/** Sets the limit; false if the program made it read-only. */
function setLimit(value: number): boolean {
  try {
    RealmError.stackTraceLimit = value;
    return true;
  } catch {
    return false;
  }
}

/** Frames of ours between an async function's body and its caller, while the body runs in its call. */
const SYNC_START_FRAMES = 4;

/** The sum of the raises in force. */
let raised = 0;

/** Raises the limit for a body run in its call; returns the value set, to hand to `lowerStackLimit`. */
export function raiseStackLimit(): number | undefined {
  const limit = RealmError.stackTraceLimit;
  // Not a positive finite number: V8 captures nothing, or everything; nothing to raise.
  if (typeof limit !== 'number' || !(limit > 0 && limit < Infinity)) return undefined;
  const set = limit + SYNC_START_FRAMES;
  if (!setLimit(set)) return undefined;
  raised += SYNC_START_FRAMES;
  return set;
}

/** Undoes `raiseStackLimit`, unless the program set a limit of its own meanwhile. */
export function lowerStackLimit(set: number | undefined): void {
  if (set === undefined) return;
  raised -= SYNC_START_FRAMES;
  if (RealmError.stackTraceLimit === set) setLimit(set - SYNC_START_FRAMES);
}

/** How much the limit is raised now: the mapper trims a stack to the program's limit. */
export function stackLimitRaise(): number {
  return raised;
}
