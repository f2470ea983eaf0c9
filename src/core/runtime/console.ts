/**
 * The sandbox's `console`, formatted by the host's Node `util.formatWithOptions` so every line
 * is byte-identical to what Node prints (Node's lib/internal/console/constructor.js: log/info/
 * debug → stdout, error/warn/trace → stderr, group indentation, count, time in virtual time,
 * assert, dir).
 */
import { readClock } from './clock';
import { emitWarning } from './process-events';
import { writeOut } from './output';
import { stdioWritten } from './resources';
import { isPromise } from './promise';
import { rt } from './state';
import { renderTable } from './table';

/** formatTime of lib/internal/util/debuglog.js (what console.timeEnd prints). */
export function formatTime(ms: number): string {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms = ms % 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms = ms % 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, frac] = seconds.toFixed(3).split('.');
    const pad = (v: number | string) => String(v).padStart(2, '0');
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : `${minutes}`;
    return `${res}:${pad(s)}.${frac} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

export function makeConsole(): Record<string, unknown> {
  const host = rt.host;
  let indent = '';
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();

  const write = (stream: 1 | 2, args: unknown[]): void => {
    let text = host.formatWithOptions({}, ...args);
    if (indent !== '') {
      if (text.includes('\n')) text = text.replace(/\n/g, `\n${indent}`);
      text = indent + text;
    }
    writeOut(stream, `${text}\n`);
    stdioWritten(stream);
  };

  const con = {
    log(...args: unknown[]) { write(1, args); },
    info(...args: unknown[]) { write(1, args); },
    debug(...args: unknown[]) { write(1, args); },
    error(...args: unknown[]) { write(2, args); },
    warn(...args: unknown[]) { write(2, args); },
    dir(obj: unknown, options?: object) {
      // customInspect is off for dir(), but a SimPromise must still look native: use its mirror.
      const shown = isPromise(obj) ? (obj as unknown as Record<symbol, () => unknown>)[Symbol.for('nodejs.util.inspect.custom')]() : obj;
      writeOut(1, `${indent}${host.inspect(shown, { customInspect: false, ...(options ?? {}) })}\n`);
      stdioWritten(1);
    },
    dirxml(...args: unknown[]) { write(1, args); },
    table(data: unknown, properties?: unknown, ...rest: unknown[]) {
      const text = rest.length === 0 ? renderTable(host.inspect, data, properties) : undefined;
      if (text === undefined) write(1, properties === undefined ? [data] : [data, properties, ...rest]);
      else write(1, [text]);
    },
    trace(...args: unknown[]) {
      const msg = host.formatWithOptions({}, ...args);
      const stack = String(new Error().stack ?? '').split('\n').slice(2).join('\n');
      write(2, [`Trace${msg === '' ? '' : `: ${msg}`}${stack === '' ? '' : `\n${stack}`}`]);
    },
    assert(expression: unknown, ...args: unknown[]) {
      if (!expression) {
        args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
        write(2, args);
      }
    },
    count(label: unknown = 'default') {
      const key = `${label}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      write(1, [`${key}: ${n}`]);
    },
    countReset(label: unknown = 'default') {
      const key = `${label}`;
      if (!counts.has(key)) emitWarning(`Count for '${key}' does not exist`);
      else counts.delete(key);
    },
    group(...args: unknown[]) {
      if (args.length > 0) write(1, args);
      indent += '  ';
    },
    groupCollapsed(...args: unknown[]) {
      if (args.length > 0) write(1, args);
      indent += '  ';
    },
    groupEnd() {
      indent = indent.slice(0, Math.max(0, indent.length - 2));
    },
    time(label: unknown = 'default') {
      const key = `${label}`;
      if (timers.has(key)) {
        emitWarning(`Label '${key}' already exists for console.time()`);
        return;
      }
      timers.set(key, readClock());
    },
    timeEnd(label: unknown = 'default') {
      const key = `${label}`;
      const start = timers.get(key);
      if (start === undefined) {
        emitWarning(`No such label '${key}' for console.timeEnd()`);
        return;
      }
      timers.delete(key);
      write(1, [`${key}: ${formatTime(readClock() - start)}`]);
    },
    timeLog(label: unknown = 'default', ...data: unknown[]) {
      const key = `${label}`;
      const start = timers.get(key);
      if (start === undefined) {
        emitWarning(`No such label '${key}' for console.timeLog()`);
        return;
      }
      write(1, [`${key}: ${formatTime(readClock() - start)}`, ...data]);
    },
  };
  return con;
}
