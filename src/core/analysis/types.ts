/**
 * What the run's analysis answers, as plain data: the CLI's `--report`, the panel's Answers
 * section (through src/shared/protocol.ts) and the extension's Problems entries all read it.
 */

/** A place in the user's source (1-based line and column), with what is there. */
export interface Place {
  file: string;
  line: number;
  column: number;
  /** What is there, as the source says it: `sleep(1000)`, `fetchUser(id)`, `Atomics.wait`. */
  label: string;
}

export type FindingKind =
  /** A task suspended at an await whose promise never settled before the run ended. */
  | 'suspended-forever'
  /** An ES module's top-level await that never settled (Node exits with code 13). */
  | 'top-level-await'
  /** Something that held the loop open when a budget stopped the run (why-is-node-running). */
  | 'kept-alive'
  /** A promise dropped at its call and never awaited, returned, chained or handled. */
  | 'floating'
  /** A rejection that had no handler when it happened and got one only later. */
  | 'late-handled'
  /** A synchronous stretch that blocked the event loop longer than the threshold. */
  | 'blocking';

/** A related place: "the promise was made here", "the late handler ran here". */
export interface Related {
  message: string;
  place?: Place;
  /** The event it refers to, for the timeline. */
  seq?: number;
}

/** One answer about the run, at a source place when there is one. */
export interface Finding {
  kind: FindingKind;
  /** Problems' severity: a floating promise or a leftover is a warning, the rest information. */
  severity: 'warning' | 'info';
  /** One sentence, self-contained (it is shown alone in the Problems view). */
  message: string;
  place?: Place;
  /** The event the finding is about (a marker on the timeline), -1 if none. */
  seq: number;
  /** Virtual time of that event (ms). */
  t: number;
  /** The task it concerns (trace task id; 0 = none / the main script). */
  task: number;
  related: Related[];
}

/** What time on the critical path went to. */
export type TimeCause = 'timers' | 'io' | 'network' | 'blocking' | 'core-wait' | 'loop';

/** One stretch of the critical path in which virtual time passed. */
export interface PathSegment {
  cause: TimeCause;
  /** Virtual ms at its start and end. */
  from: number;
  to: number;
  /** `sleep(1000) in count #3`, `Atomics.wait in count #1`, `fs.readFile`. */
  label: string;
  place?: Place;
  /** The task waiting or blocked (trace task id). */
  task: number;
  /** The event that ended it (a timer's fire, a Block, an I/O completion). */
  seq: number;
}

/** The chain of waits that decided when the run ended. */
export interface CriticalPath {
  /** Virtual ms at the end of the path (the run's end, as far as the program is concerned). */
  end: number;
  /** The waits, outermost first: `main → Promise.all [3] → count #3 → sleep(1000)`. */
  chain: string[];
  /** Where time passed, in time order. Their lengths add up to `end` minus `unexplained`. */
  segments: PathSegment[];
  /** The events the path goes through, in order (the timeline joins them): each task run on it (its start or resume, and the await it left), each wait's start and end, each block. */
  seqs: number[];
  /** Total ms per cause along the path. */
  byCause: Partial<Record<TimeCause, number>>;
}

export interface RunAnalysis {
  findings: Finding[];
  criticalPath: CriticalPath;
  /** The blocking threshold used (ms). */
  blockingThresholdMs: number;
}

export interface AnalysisOptions {
  /** A synchronous stretch blocking the loop at least this long is flagged (default 50 ms). */
  blockingThresholdMs?: number;
}

export const DEFAULT_BLOCKING_THRESHOLD_MS = 50;
