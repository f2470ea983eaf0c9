/**
 * What a run's real I/O amounted to (src/core/io): operations, threadpool requests and how long
 * they waited in the pool's queue, child processes. For the summary strip and the CLI's
 * `--summary` line; all zero for a run without I/O (and then not mentioned).
 */
import { EventKind, type ScannableTrace } from '../trace/format';

export interface IoStats {
  /** I/O operations started (IoStart): requests, processes, socket operations. */
  operations: number;
  /** Of those, requests that ran on libuv's threadpool. */
  pool: number;
  /** Pool requests that waited for a free pool thread (or core), and the total wait (ms). */
  queued: number;
  queuedMs: number;
  /** Child processes (real processes outside the simulation). */
  processes: number;
  /** Connections of the simulated network (NetConnect of a client or server end, counted once). */
  connections: number;
  /** HTTP requests received by the program's servers (HttpRequest). */
  httpRequests: number;
}

export function ioStats(trace: Pick<ScannableTrace, 'events'>): IoStats {
  const { kind, a, t } = trace.events;
  const started = new Map<number, number>();
  const processes = new Set<number>();
  const connections = new Set<number>();
  const stats: IoStats = { operations: 0, pool: 0, queued: 0, queuedMs: 0, processes: 0, connections: 0, httpRequests: 0 };
  for (let i = 0; i < kind.length; i++) {
    switch (kind[i]) {
      case EventKind.IoStart:
        stats.operations++;
        started.set(a[i], t[i]);
        break;
      case EventKind.IoPoolStart: {
        stats.pool++;
        const wait = t[i] - (started.get(a[i]) ?? t[i]);
        if (wait > 1e-9) {
          stats.queued++;
          stats.queuedMs += wait;
        }
        break;
      }
      case EventKind.IoEvent:
        processes.add(a[i]);
        break;
      case EventKind.NetConnect:
        connections.add(a[i]);
        break;
      case EventKind.HttpRequest:
        stats.httpRequests++;
        break;
      default:
        break;
    }
  }
  stats.processes = processes.size;
  stats.connections = connections.size;
  return stats;
}

/**
 * `I/O: 12 operations (8 on the threadpool, 4 waited 107 ms in its queue) · child processes: 2 ·
 * network: 3 connections, 5 HTTP requests`, or '' without I/O.
 */
export function ioText(s: IoStats): string {
  if (s.operations === 0) return '';
  const ms = (x: number) => (x >= 10 ? Math.round(x) : +x.toFixed(2));
  let text = `I/O: ${s.operations} ${s.operations === 1 ? 'operation' : 'operations'}`;
  if (s.pool > 0) text += ` (${s.pool} on the threadpool${s.queued > 0 ? `, ${s.queued} waited ${ms(s.queuedMs)} ms in its queue` : ''})`;
  if (s.processes > 0) text += ` · child processes: ${s.processes}`;
  if (s.connections > 0) {
    text += ` · network: ${s.connections} ${s.connections === 1 ? 'connection' : 'connections'}`;
    if (s.httpRequests > 0) text += `, ${s.httpRequests} HTTP ${s.httpRequests === 1 ? 'request' : 'requests'}`;
  }
  return text;
}
