/**
 * The memory model the chat samples print: why a thread per client does not scale and a
 * task per client does. Numbers are typical of Linux x86-64 and V8, documented in
 * docs/simulation.md; they are a model, not a measurement of this process.
 */
export const MEMORY_MODEL = {
  /** Address space reserved for an OS thread's stack (Linux default `ulimit -s`: 8 MiB). */
  threadStackReservedBytes: 8 * 1024 * 1024,
  /** Stack pages actually touched by a thread blocked in a read: about 64 KiB. */
  threadStackCommittedBytes: 64 * 1024,
  /** Kernel + runtime bookkeeping per thread (task struct, TLS, V8 isolate handles are extra). */
  threadOverheadBytes: 16 * 1024,
  /** A suspended async function: its coroutine frame, promise and closure — a few hundred bytes. */
  taskBytes: 400,
} as const;

export interface MemoryReport {
  /** Threads alive at the peak, the main thread included. */
  peakThreads: number;
  /** Tasks (suspended async functions) counted by the caller, e.g. one per connection. */
  tasks: number;
  /** Reserved address space of the peak threads' stacks. */
  reservedBytes: number;
  /** Memory actually used at the peak: committed stacks + thread overhead + tasks. */
  usedBytes: number;
}

export function memoryReport(peakThreads: number, tasks = 0): MemoryReport {
  const m = MEMORY_MODEL;
  return {
    peakThreads,
    tasks,
    reservedBytes: peakThreads * m.threadStackReservedBytes,
    usedBytes: peakThreads * (m.threadStackCommittedBytes + m.threadOverheadBytes) + tasks * m.taskBytes,
  };
}

/** 1536 → "1.5 KiB", for result lines. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}
