/**
 * The simulated network has only the program's own servers, unless the run records and replays
 * outside hosts (src/core/netrec; network modes other than 'off'): then every connection stays on
 * the loopback (127.0.0.0/8, ::1, localhost). A connection to any other host would either leave the
 * machine (real DNS, real packets, real time) or silently reach one of the program's own ports,
 * so the sandbox's net, http and fetch refuse it at the call with this error instead: Node-shaped
 * (`code` ENETUNREACH, "network is unreachable", `syscall`, `address`, `port`) so a program's
 * error handling runs as it would, and saying plainly why.
 */

/** A host name or address that is this machine (what the simulated loopback serves). */
export function isLoopbackHost(hostname: string): boolean {
  let h = hostname.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h === '' || h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '::' || h === '0:0:0:0:0:0:0:1') return true;
  if (h.startsWith('::ffff:')) h = h.slice('::ffff:'.length);
  // Linux treats 0.0.0.0 as "this host" for a connect.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '0.0.0.0';
}

/** The message of the refusal: what was asked for, and why the simulation says no. */
export function outsideHostMessage(target: string): string {
  return (
    `async-timeline: ${target} is outside the simulation: the simulated network only reaches the program's own ` +
    `servers on this machine (localhost, 127.0.0.1, ::1), and this run does not reach outside hosts (network mode ` +
    `'off', the CLI's --no-network; the CLI's default records real responses once and replays them: docs/recordings.md)`
  );
}

export interface OutsideHostError extends Error {
  code: 'ENETUNREACH';
  errno: number;
  syscall: string;
  address?: string;
  hostname?: string;
  port?: number;
}

/** Linux's ENETUNREACH, as libuv numbers it. */
export const UV_ENETUNREACH = -101;

/** The Node-shaped refusal (made with the given realm's Error so `instanceof Error` holds in the program). */
export function outsideHostError(ErrorCtor: ErrorConstructor, target: string, details: { syscall: string; host?: string; port?: number }): OutsideHostError {
  const err = new ErrorCtor(outsideHostMessage(target)) as OutsideHostError;
  err.errno = UV_ENETUNREACH;
  err.code = 'ENETUNREACH';
  err.syscall = details.syscall;
  if (details.host !== undefined) {
    if (/^[\d.]+$|:/.test(details.host)) err.address = details.host;
    else err.hostname = details.host;
  }
  if (details.port !== undefined) err.port = details.port;
  return err;
}
