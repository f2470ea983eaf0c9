/**
 * The sandbox's `process`: what async programs use of Node's — nextTick, exitCode, exit(),
 * argv/env/platform/versions, hrtime (virtual), the events 'exit', 'beforeExit',
 * 'unhandledRejection', 'rejectionHandled', 'uncaughtException', 'warning', emitWarning, and
 * stdout/stderr.write. The rest of Node's process API is process-system.ts's.
 */
import { readClock } from './clock';
import { hasUncaughtExceptionCaptureCallback, isExiting, processExit, setExiting, setUncaughtExceptionCaptureCallback } from './fatal';
import { activeResourcesInfo, stdioUsed, stdioWritten } from './resources';
import { writeOut } from './output';
import {
  addListener, emitWarning, eventNames, listenerCount, listeners, processEmit, processRef, removeAll, removeListener,
} from './process-events';
import { rt } from './state';
import { SIMULATED_PID } from './host-api';
import { nextTick } from './ticks';
import { processFacts } from '../versions/process-facts';
import { addSystemApi } from './process-system';

function stream(fd: 1 | 2): object {
  return {
    fd,
    isTTY: false,
    columns: 80,
    write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
      const text = typeof chunk === 'string' ? chunk : String(chunk);
      writeOut(fd, text);
      const done = typeof encoding === 'function' ? encoding : cb;
      stdioWritten(fd, typeof done === 'function' ? (done as () => void) : undefined);
      return true;
    },
    on() { return this; },
    once() { return this; },
    // What `readable.pipe(process.stdout)` calls on its destination (it never ends stdout).
    addListener() { return this; },
    prependListener() { return this; },
    removeListener() { return this; },
    off() { return this; },
    emit() { return false; },
    listenerCount() { return 0; },
    end() { /* nothing to flush */ },
  };
}

export function makeProcess(): Record<string, unknown> {
  const opts = rt.host.options;
  // The imitated line's own build, never the host's (see versions/process-facts.ts).
  const facts = processFacts(opts.nodeMajor ?? 20);
  const versions = { ...facts.versions, ...(opts.versions ?? {}) };
  const hrtime = (prev?: [number, number]): [number, number] => {
    const ns = Math.round(readClock() * 1e6) + 1e9;
    let s = Math.floor(ns / 1e9);
    let n = ns - s * 1e9;
    if (prev !== undefined) {
      s -= prev[0];
      n -= prev[1];
      if (n < 0) { s--; n += 1e9; }
    }
    return [s, n];
  };
  hrtime.bigint = (): bigint => BigInt(Math.round(readClock() * 1e6)) + 1000000000n;
  const proc: Record<string, unknown> = {
    title: 'node',
    version: `v${versions.node}`,
    versions,
    arch: 'x64',
    platform: opts.platform ?? 'linux',
    release: { ...facts.release },
    argv: opts.argv?.slice() ?? ['/usr/local/bin/node', '/sandbox/main.js'],
    execArgv: opts.execArgv?.slice() ?? [],
    env: { ...(opts.env ?? {}) },
    pid: opts.pid ?? SIMULATED_PID,
    ppid: 4241,
    // The real node: a program that starts `process.execPath` as a child process runs it.
    execPath: opts.argv?.[0] ?? '/usr/local/bin/node',
    exitCode: undefined,
    nextTick,
    hrtime,
    uptime: () => readClock() / 1000,
    cwd: () => opts.cwd ?? '/',
    exit: (code?: unknown) => processExit(code),
    emitWarning,
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    on(name: string, fn: unknown) { addListener(name, fn, false, false); return this; },
    addListener(name: string, fn: unknown) { addListener(name, fn, false, false); return this; },
    prependListener(name: string, fn: unknown) { addListener(name, fn, false, true); return this; },
    once(name: string, fn: unknown) { addListener(name, fn, true, false); return this; },
    prependOnceListener(name: string, fn: unknown) { addListener(name, fn, true, true); return this; },
    off(name: string, fn: unknown) { removeListener(name, fn); return this; },
    removeListener(name: string, fn: unknown) { removeListener(name, fn); return this; },
    removeAllListeners(name?: string) { removeAll(name); return this; },
    // The arguments object, not a spread: a program may have broken Array.prototype[Symbol.iterator].
    emit(this: unknown, _name: string): boolean {
      // eslint-disable-next-line prefer-rest-params, prefer-spread
      return processEmit.apply(undefined, arguments as unknown as [string, ...unknown[]]);
    },
    listeners,
    listenerCount,
    eventNames,
    setMaxListeners() { return this; },
    getMaxListeners: () => 10,
    setUncaughtExceptionCaptureCallback,
    hasUncaughtExceptionCaptureCallback,
    getActiveResourcesInfo: activeResourcesInfo,
  };
  // Node makes process.stdout/stderr on first use (a pipe's handle from then on is an active resource).
  const stdout = stream(1);
  const stderr = stream(2);
  Object.defineProperty(proc, 'stdout', {
    get: () => { stdioUsed(1); return stdout; },
    enumerable: true, configurable: true,
  });
  Object.defineProperty(proc, 'stderr', {
    get: () => { stdioUsed(2); return stderr; },
    enumerable: true, configurable: true,
  });
  // process._exiting: false while the program runs, true once 'exit' is being emitted.
  Object.defineProperty(proc, '_exiting', {
    get: isExiting,
    set: setExiting,
    enumerable: true, configurable: true,
  });
  // process.exitCode is an accessor in Node 20: it feeds the real exit code.
  Object.defineProperty(proc, 'exitCode', {
    get: () => (rt.exitCode === 0 && !rt.exitCodeSet ? undefined : rt.exitCode),
    set: (v: unknown) => {
      rt.exitCodeSet = v !== undefined && v !== null;
      rt.exitCode = rt.exitCodeSet ? Number(v) | 0 : 0;
    },
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proc, Symbol.toStringTag, { value: 'process', configurable: true });
  addSystemApi(proc, opts.nodeMajor ?? 20);
  processRef.value = proc;
  return proc;
}
