/**
 * What Node's network layer in the sandbox (src/core/node/http/tcp-wrap.ts, remote-peer.ts,
 * dns) asks of the run's outside-host recorder (remote-hosts.ts, outside the sandbox). Types
 * only: nodelib and the engine are separate bundles and share just this shape.
 *
 * Every question takes a `done` callback: called at once when the recording answers, later
 * (from the host's event loop) when a real operation had to be performed. The caller holds the
 * simulated loop at the current virtual time meanwhile (IoSystem.hold), so an answer takes the
 * same virtual time whether it was recorded just now or replayed.
 */

/** How a run treats hosts outside the program (RunOptions.network.mode, the CLI's flags). */
export type NetworkMode = 'record-missing' | 'record' | 'replay-only' | 'off';
export const NETWORK_MODES: readonly NetworkMode[] = ['record-missing', 'record', 'replay-only', 'off'];

export interface NetError {
  code: string;
  errno?: number;
  syscall?: string;
  message: string;
}

export type LookupAnswer = { addresses: { address: string; family: number }[] } | { error: NetError };
export type ConnectAnswer = { connectMs: number } | { error: NetError };

/** One HTTP request as the program's client wrote it on the connection. */
export interface PeerRequest {
  tls: boolean;
  /** The name (or address) the connection was made to, and its port. */
  hostname: string;
  port: number;
  method: string;
  /** The request target as written (`/path?query`). */
  path: string;
  headers: [string, string][];
  /** Body bytes (chunked framing removed), one char per byte (latin1). */
  body: string;
}

export interface PeerResponse {
  status: number;
  statusMessage: string;
  headers: [string, string][];
  /** One char per byte (latin1). */
  body: string;
  /** ms after the request was complete: the head, and the end of the body. */
  headAfterMs: number;
  endAfterMs: number;
}

/** `never`: the server never answered (a real request timed out): the request stays pending. */
export type ExchangeAnswer = { response: PeerResponse } | { error: NetError } | { never: true };

export interface RemoteNetwork {
  readonly mode: NetworkMode;
  lookup(hostname: string, done: (answer: LookupAnswer) => void): void;
  /** The outside name an address was looked up for (so a connect to the address reaches that host). */
  hostnameOf(address: string): string | undefined;
  /** A connect to this loopback port, where none of the program's servers listens, goes to a recorded (or recording) server. */
  servesLoopback(port: number): boolean;
  connect(hostname: string, port: number, done: (answer: ConnectAnswer) => void): void;
  exchange(request: PeerRequest, done: (answer: ExchangeAnswer) => void): void;
  /** In 'replay-only' mode, for a URL of an outside (or recorded local) host nothing was recorded for: the message saying so (also said on stderr). */
  replayOnlyMissing(url: string): string | undefined;
}
