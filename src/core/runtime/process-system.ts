/**
 * The rest of Node's `process` API: the process's identity and resources (uid/gid, umask,
 * cpuUsage, resourceUsage, memory), signals to itself (`kill`), the ways it ends at once
 * (`abort`, `reallyExit`), `ref`/`unref`/`finalization` (22+), and Node's build facts
 * (`features`, `argv0`, `debugPort`). Before, every one of these was missing: a program calling
 * `process.cpuUsage()` or `process.getuid()` died with "is not a function" where Node runs on.
 *
 * What is real and what is simulated (docs/runtime.md, "process"):
 * - identity (uid, gid, groups, umask) and memory limits are the host process's own values;
 * - CPU time is the simulation's: what the cost model charged the program (busy-waits on the
 *   clock, and with `--cpu=measured` its measured computation) — so a sleeping program uses no
 *   CPU, as in Node, and the numbers are deterministic;
 * - a signal to the program's own pid takes Node's default action (the process ends with
 *   128 + the signal's number, without 'exit'); delivering it to the program's own listeners is
 *   not simulated yet, and says so. A signal to another pid is sent for real (a child the program
 *   started is a real process).
 * - what would change the host process itself (chdir, setuid…, umask(mask), dlopen, execve) is
 *   refused with a sentence saying why, after Node's own argument checks.
 * `getBuiltinModule`, `mainModule`, `config` and `allowedNodeEnvironmentFlags` are added by the
 * engine's sandbox, which has the module table and the per-line data.
 */
import { clock } from './clock';
import { invalidArgType, nodeError } from './errors';
import { reallyExit } from './fatal';
import { NOT_SIMULATED_CODE, SIMULATED_PID } from './host-api';
import { listenerCount, listeners } from './process-events';
import { rt } from './state';
import type { NodeMajor } from '../versions/targets';

/** `process.features` of each line's real build. */
const FEATURES: Record<NodeMajor, Record<string, unknown>> = {
  20: { inspector: true, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, cached_builtins: true, require_module: true },
  22: { inspector: true, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, openssl_is_boringssl: false, cached_builtins: true, require_module: true, typescript: 'strip' },
  24: { inspector: true, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, openssl_is_boringssl: false, cached_builtins: true, require_module: true, quic: false, typescript: 'strip' },
  26: { inspector: true, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, openssl_is_boringssl: false, cached_builtins: true, require_module: true, dtls: false, quic: false, typescript: 'strip' },
};

type HostProcess = {
  getuid(): number; geteuid(): number; getgid(): number; getegid(): number; getgroups(): number[];
  umask(): number; constrainedMemory(): number | undefined; availableMemory?(): number;
  kill(pid: number, signal?: string | number): boolean;
};

function hostProcess(): HostProcess | undefined {
  return rt.host.requireBuiltin?.('process') as HostProcess | undefined;
}

function hostSignals(): Record<string, number> {
  const os = rt.host.requireBuiltin?.('os') as { constants: { signals: Record<string, number> } } | undefined;
  return os?.constants.signals ?? { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };
}

function notSimulated(what: string, why: string): Error {
  return nodeError(Error, NOT_SIMULATED_CODE, `Async Timeline does not simulate ${what}: ${why}.`);
}

/** Node's validation of `process.cpuUsage(prev)`'s argument. */
function checkPrevious(prev: unknown): { user: number; system: number } | undefined {
  if (prev === undefined) return undefined;
  if (typeof prev !== 'object' || prev === null) throw invalidArgType('prevValue', 'object', prev);
  const p = prev as { user: unknown; system: unknown };
  for (const key of ['user', 'system'] as const) {
    if (typeof p[key] !== 'number') throw invalidArgType(`prevValue.${key}`, 'number', p[key]);
    const v = p[key] as number;
    if (v < 0 || !Number.isFinite(v)) throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The property 'prevValue.${key}' is invalid. Received ${v}`);
  }
  return p as { user: number; system: number };
}

/** CPU time charged so far, in µs, as process.cpuUsage reports it (all of it user time). */
function cpuUsage(prev?: unknown): { user: number; system: number } {
  const before = checkPrevious(prev);
  const user = Math.round(clock.cpuMs * 1000);
  return before ? { user: user - before.user, system: 0 - before.system } : { user, system: 0 };
}

function kill(pid: unknown, signal: unknown = 'SIGTERM'): true {
  if (typeof pid !== 'number' || pid !== Math.trunc(pid)) throw invalidArgType('pid', 'number', pid);
  const signals = hostSignals();
  let number: number;
  if (typeof signal === 'number') {
    number = signal;
  } else if (typeof signal === 'string' && Object.prototype.hasOwnProperty.call(signals, signal)) {
    number = signals[signal];
  } else {
    throw nodeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${String(signal)}`);
  }
  const own = rt.host.options.pid ?? SIMULATED_PID;
  if (pid === own || pid === 0) {
    if (number === 0) return true;
    const name = Object.keys(signals).find((k) => signals[k] === number);
    if (name !== undefined && listenerCount(name) > 0) {
      throw notSimulated(`delivering ${name} to the program's own listeners`, 'Node runs them from its event loop when the signal arrives; the simulated loop has no signal watcher yet');
    }
    // Node's default action for a signal nobody listens to: the process is gone, no 'exit'.
    return reallyExit(128 + number);
  }
  // Another process (a child the program started is a real one): the signal is sent for real.
  const host = hostProcess();
  if (host === undefined) throw notSimulated('process.kill of another process', 'this host gives no access to real processes');
  return host.kill(pid, number) as true;
}

/** Methods that would change the host process itself, refused after Node's own argument check. */
function refuseHostChange(proc: Record<string, unknown>, nodeMajor: NodeMajor): void {
  const refuse = (name: string, check: (a: unknown) => void, why: string) => {
    proc[name] = function (this: unknown, arg?: unknown) {
      check(arg);
      throw notSimulated(`process.${name}()`, why);
    };
  };
  const shared = 'the program runs inside the editor’s or the CLI’s own process, which it must not change';
  refuse('chdir', (d) => { if (typeof d !== 'string') throw invalidArgType('directory', 'string', d); }, `the working directory is the run's (${rt.host.options.cwd ?? '/'}); ${shared}`);
  for (const name of ['setuid', 'seteuid', 'setgid', 'setegid', 'setgroups', 'initgroups']) refuse(name, () => undefined, shared);
  refuse('dlopen', () => undefined, 'native addons run outside the simulated event loop');
  if (nodeMajor >= 22) refuse('execve', () => undefined, shared);
}

export function addSystemApi(proc: Record<string, unknown>, nodeMajor: NodeMajor): void {
  const host = hostProcess();
  const fromHost = <T>(read: (h: HostProcess) => T, fallback: T): T => (host === undefined ? fallback : read(host));
  Object.assign(proc, {
    argv0: 'node',
    debugPort: 9229,
    domain: null,
    features: { ...FEATURES[nodeMajor] },
    sourceMapsEnabled: false,
    getuid: () => fromHost((h) => h.getuid(), 0),
    geteuid: () => fromHost((h) => h.geteuid(), 0),
    getgid: () => fromHost((h) => h.getgid(), 0),
    getegid: () => fromHost((h) => h.getegid(), 0),
    getgroups: () => fromHost((h) => h.getgroups(), [0]).slice(),
    umask(mask?: unknown) {
      if (mask === undefined) return fromHost((h) => h.umask(), 0o22);
      if (!(typeof mask === 'number' && mask >>> 0 === mask) && !(typeof mask === 'string' && /^[0-7]+$/.test(mask))) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received ${rt.host.inspect(mask)}`);
      }
      throw notSimulated('process.umask(mask)', 'it would change the file mode mask of the editor’s or the CLI’s own process');
    },
    cpuUsage,
    resourceUsage: () => ({
      userCPUTime: Math.round(clock.cpuMs * 1000), systemCPUTime: 0, maxRSS: 0, sharedMemorySize: 0, unsharedDataSize: 0,
      unsharedStackSize: 0, minorPageFault: 0, majorPageFault: 0, swappedOut: 0, fsRead: 0, fsWrite: 0, ipcSent: 0,
      ipcReceived: 0, signalsCount: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0,
    }),
    constrainedMemory: () => fromHost((h) => h.constrainedMemory(), undefined),
    availableMemory: () => fromHost((h) => h.availableMemory?.(), undefined),
    kill,
    abort: () => reallyExit(134),
    reallyExit: (code?: unknown) => reallyExit(Number(code ?? 0) | 0),
    rawListeners: (name: string | symbol) => listeners(name),
    binding: (name: unknown) => {
      throw notSimulated(`process.binding('${String(name)}')`, 'it hands out the real process’s internal C++ bindings, which run outside the simulation');
    },
    setSourceMapsEnabled(enabled: unknown) {
      if (typeof enabled !== 'boolean') throw invalidArgType('val', 'boolean', enabled);
      proc.sourceMapsEnabled = enabled;
    },
    // Node's synchronous debug print (no util.format of objects' colours, straight to fd 2).
    _rawDebug: (...args: unknown[]) => rt.host.write(2, `${rt.host.formatWithOptions({}, ...args)}\n`),
  });
  // process.memoryUsage.rss(): Node 20+ has the fast variant beside the full one.
  const memoryUsage = proc.memoryUsage as { rss?: () => number } | undefined;
  if (memoryUsage !== undefined) memoryUsage.rss = () => 0;
  if (nodeMajor <= 22) proc.assert = (value: unknown, message?: string) => { if (!value) throw nodeError(Error, 'ERR_ASSERTION', message ?? 'assertion error'); };
  if (nodeMajor >= 22) {
    proc.threadCpuUsage = cpuUsage;
    // process.ref/unref(obj): Node calls the object's own ref/unref (or its nodejs.ref symbols).
    const refVia = (symbol: string, method: 'ref' | 'unref') => (obj: unknown) => {
      const o = obj as Record<string | symbol, unknown> | null | undefined;
      const fn = o?.[Symbol.for(symbol)] ?? o?.[method];
      if (typeof fn === 'function') (fn as () => unknown).call(o);
    };
    proc.ref = refVia('nodejs.ref', 'ref');
    proc.unref = refVia('nodejs.unref', 'unref');
    proc.finalization = finalization(proc);
  }
  proc.report = {
    directory: '', filename: '', compact: false, excludeNetwork: false, signal: 'SIGUSR2',
    reportOnFatalError: false, reportOnSignal: false, reportOnUncaughtException: false,
    ...(nodeMajor >= 22 && { excludeEnv: false }),
    getReport: () => { throw notSimulated('process.report.getReport()', 'a diagnostic report describes the real process (its heap, handles and machine), not the simulated one'); },
    writeReport: () => { throw notSimulated('process.report.writeReport()', 'a diagnostic report describes the real process (its heap, handles and machine), not the simulated one'); },
  };
  refuseHostChange(proc, nodeMajor);
}

/**
 * process.finalization (22+, lib/internal/process/finalization.js): a callback for an object
 * still alive when the process exits ('exit') or its loop empties ('beforeExit'); registering
 * adds the process listener on first use, as Node's does.
 */
function finalization(proc: Record<string, unknown>): object {
  type Entry = { ref: WeakRef<object>; callback: (obj: object, event: string) => void };
  const lists: Record<'exit' | 'beforeExit', Entry[]> = { exit: [], beforeExit: [] };
  const listening = new Set<string>();
  const register = (event: 'exit' | 'beforeExit') => (obj: unknown, callback: unknown) => {
    if (typeof obj !== 'object' || obj === null) throw invalidArgType('obj', 'object', obj);
    if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
    lists[event].push({ ref: new WeakRef(obj), callback: callback as Entry['callback'] });
    if (!listening.has(event)) {
      listening.add(event);
      (proc.on as (e: string, f: () => void) => void).call(proc, event, () => {
        for (const e of lists[event].slice()) {
          const target = e.ref.deref();
          if (target !== undefined) e.callback(target, event);
        }
      });
    }
  };
  return {
    register: register('exit'),
    registerBeforeExit: register('beforeExit'),
    unregister(obj: unknown) {
      for (const event of ['exit', 'beforeExit'] as const) lists[event] = lists[event].filter((e) => e.ref.deref() !== obj);
    },
  };
}
