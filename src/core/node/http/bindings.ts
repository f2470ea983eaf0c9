/**
 * `internalBinding(name)` for the files of lib/ (Node's own JS): the native bindings they use,
 * made of the simulation (tcp_wrap, stream_wrap: tcp-wrap.ts; http_parser: http-parser.ts) or of
 * the host (uv's error names and messages, os constants).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the host's modules, read when first asked for */
import { ConnectionsList, HTTPParser, allMethods, methods } from './http-parser';
import * as tcp from './tcp-wrap';
import { host } from '../host';

const made = new Map<string, unknown>();

function make(name: string): unknown {
  switch (name) {
    case 'uv':
      return { ...tcp.UV, errname: (n: number) => require('util').getSystemErrorName(n), getErrorMap: () => require('util').getSystemErrorMap() };
    case 'stream_wrap':
      return {
        WriteWrap: tcp.WriteWrap,
        ShutdownWrap: tcp.ShutdownWrap,
        kReadBytesOrError: tcp.kReadBytesOrError,
        kArrayBufferOffset: tcp.kArrayBufferOffset,
        kBytesWritten: tcp.kBytesWritten,
        kLastWriteWasAsync: tcp.kLastWriteWasAsync,
        streamBaseState: tcp.streamBaseState,
      };
    case 'tcp_wrap':
      return { TCP: tcp.TCP, TCPConnectWrap: tcp.TCPConnectWrap, constants: tcp.TCP.constants };
    case 'pipe_wrap':
      return { Pipe: tcp.Pipe, PipeConnectWrap: tcp.PipeConnectWrap, constants: tcp.Pipe.constants };
    case 'http_parser':
      return { HTTPParser, ConnectionsList, methods, allMethods };
    case 'trace_events':
      return { getCategoryEnabledBuffer: () => new Uint8Array(1), trace() {}, isTraceCategoryEnabled: () => false };
    case 'fs':
      return {
        writeBuffer() {
          throw new Error('async-timeline: synchronous writes to a file descriptor from net are not simulated');
        },
      };
    case 'constants':
      return { os: require('os').constants };
    case 'os':
      return { getOSInformation: () => ['Linux', '', ''] };
    case 'performance':
      return performanceBinding();
    case 'messaging':
      return { structuredClone: (value: unknown, options?: unknown) => (globalThis as unknown as { structuredClone(v: unknown, o?: unknown): unknown }).structuredClone(value, options) };
    case 'util':
      return { privateSymbols: { arrow_message_private_symbol: Symbol('node:arrowMessage') } };
    default:
      throw new Error(`async-timeline: internalBinding('${name}') is not simulated`);
  }
}

export function internalBinding(name: string): any {
  if (!made.has(name)) made.set(name, make(name));
  return made.get(name);
}

/**
 * The `performance` binding for lib/internal/perf (perf_hooks, the `performance` global): the
 * simulation's clock (virtual time) in place of the native one. The milestones are Node's
 * (nanoseconds on the hrtime scale, TIME_ORIGIN_TIMESTAMP in µs since the epoch); the process
 * "started" at the run's origin, so nodeStart … loopStart are 0 and loopExit is not reached (-1).
 * No garbage collection entries; observer counts are kept by observe.js itself.
 */
const MILESTONE = { TIME_ORIGIN_TIMESTAMP: 0, TIME_ORIGIN: 1, ENVIRONMENT: 2, NODE_START: 3, V8_START: 4, LOOP_START: 5, LOOP_EXIT: 6, BOOTSTRAP_COMPLETE: 7 } as const;
const ENTRY_TYPE = { GC: 0, HTTP: 1, HTTP2: 2, NET: 3, DNS: 4 } as const;

function performanceBinding(): Record<string, unknown> {
  const milestones = new Float64Array(8);
  // Node's now() is (hrtime now − time origin) in ms: keep the origin at 0 on the hrtime scale.
  milestones[MILESTONE.TIME_ORIGIN] = 0;
  milestones[MILESTONE.TIME_ORIGIN_TIMESTAMP] = host.clock.timeOrigin() * 1e3;
  for (const m of [MILESTONE.ENVIRONMENT, MILESTONE.NODE_START, MILESTONE.V8_START, MILESTONE.LOOP_START, MILESTONE.BOOTSTRAP_COMPLETE]) milestones[m] = 0;
  milestones[MILESTONE.LOOP_EXIT] = -1;
  const constants: Record<string, number> = {};
  for (const [k, v] of Object.entries(MILESTONE)) constants[`NODE_PERFORMANCE_MILESTONE_${k}`] = v;
  for (const [k, v] of Object.entries(ENTRY_TYPE)) constants[`NODE_PERFORMANCE_ENTRY_TYPE_${k}`] = v;
  return {
    constants,
    milestones,
    observerCounts: new Uint32Array(5),
    now: () => host.clock.now(),
    loopIdleTime: () => 0,
    uvMetricsInfo: () => [0, 0, 0],
    installGarbageCollectionTracking() {},
    removeGarbageCollectionTracking() {},
    notify() {},
    setupObservers() {},
    markBootstrapComplete() {},
  };
}
