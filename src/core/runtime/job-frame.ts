/**
 * Which job an error was made in, read back from its stack when the stack is formatted
 * (async-stack.ts; V8 formats `.stack` lazily, long after the error was made).
 *
 * A CallSite's receiver and function are hidden once any strict frame is inside it (the runtime's
 * own frames are strict), but its position is always there and is taken when the error is made.
 * So every job that resumes an async function or runs a `.then` callback goes through two
 * generated functions, each a switch whose case k calls on its own line k: the lines of the two
 * frames spell the job's number (16 bits). A small ring remembers the receivers of the last jobs
 * by number; a job too old to be in it gives no async frames rather than wrong ones — except
 * one whose stack is first read 65,536 × k to 65,536 × k + 4,096 jobs after it was made (its
 * number has come round again in the ring): that one shows the newer job's.
 * Cost per job: two calls through a jump table and two array writes, no allocation.
 *
 * 256 cases a level: V8 runs a switch of more than 256 cases several times slower. Two levels
 * of 1024 (20 bits) made the steady cost of every event a third higher (bench part e: 48 → 68
 * ns/event, 53 with these), and three of 128 cost more again (a call more per job).
 */
import { ASYNC_JOB_FRAMES } from './host-api';

const LEVEL_BITS = 8;
const LEVEL = 1 << LEVEL_BITS;
const NUMBER_MASK = (1 << (ASYNC_JOB_FRAMES.length * LEVEL_BITS)) - 1;
/** How many recent jobs are remembered (they keep their driver or reaction alive until reused). */
const RING = 4096;

type Level = (n: number, fn: (this: never, a: never, b: never) => void, self: object, a: unknown, b: unknown) => void;

/**
 * `function <name>(n, fn, self, a, b) { switch (n >> shift & mask) { case k: return next(...) } }`,
 * with case k on the function's line k + 1. Made from source text by the sandbox realm's Function.
 */
function level(name: string, shift: number, next: string, inner?: Level): Level {
  const cases: string[] = [];
  for (let k = 0; k < LEVEL; k++) cases.push(`case ${k}: return ${next};`);
  const source = `return function ${name}(n, fn, self, a, b) { switch ((n >> ${shift}) & ${LEVEL - 1}) {\n${cases.join('\n')}\n} };`;
  return new Function('inner', source)(inner) as Level;
}

/**
 * The line of a CallSite in a level function → its case. `new Function` puts the body on the
 * script's third line; the body's first line is `return function …`, case k is k + 1 lines below.
 */
const FIRST_CASE_LINE = 4;

// `fn.call` adds no frame of its own: the stack under a user's error stays as short as it can
// (the frames under it count against Error.stackTraceLimit, and the mapper reads them).
// Level i reads bits [8i, 8i + 8) of the number; the last one made is the first called.
let levelFn: Level | undefined;
for (let i = 0; i < ASYNC_JOB_FRAMES.length; i++) {
  levelFn = level(ASYNC_JOB_FRAMES[i], i * LEVEL_BITS, i === 0 ? 'fn.call(self, a, b)' : 'inner(n, fn, self, a, b)', levelFn);
}
const outermost = levelFn!;

let jobNumber = 0;
const ringReceivers: (object | undefined)[] = new Array<object | undefined>(RING).fill(undefined);
const ringNumbers = new Int32Array(RING).fill(-1);

/** The next job's number, remembering its `self` (jobReceiver). */
export function numberJob(self: object): number {
  const n = (jobNumber = (jobNumber + 1) & NUMBER_MASK);
  ringReceivers[n & (RING - 1)] = self;
  ringNumbers[n & (RING - 1)] = n;
  return n;
}

/**
 * `fn.call(self, a, b)` as job `n` (from numberJob): an error made inside can tell `self`.
 * Two frames under `fn`, nothing else (numberJob has returned by then).
 */
export const runAsJob = outermost as <S extends object, A, B>(n: number, fn: (this: S, a: A, b: B) => void, self: S, a: A, b: B) => void;

/** The `self` of the job whose level frames were at these lines (ASYNC_JOB_FRAMES order); undefined if forgotten. */
export function jobReceiver(jobLines: readonly number[]): object | undefined {
  let n = 0;
  for (let i = ASYNC_JOB_FRAMES.length - 1; i >= 0; i--) {
    const k = (jobLines[i] ?? 0) - FIRST_CASE_LINE;
    if (k < 0 || k >= LEVEL) return undefined;
    n = n * LEVEL + k;
  }
  const slot = n & (RING - 1);
  return ringNumbers[slot] === n ? ringReceivers[slot] : undefined;
}
