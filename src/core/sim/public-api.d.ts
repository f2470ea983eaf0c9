/**
 * Types of `async-timeline/sim` as user programs see them (Node's `net` types for sockets and
 * servers). The implementation is api.ts; docs/simulation.md has the prose and examples. An
 * editor finds these when the program's tsconfig includes this file (samples do).
 */
declare module 'async-timeline/sim' {
  import type { Server, Socket } from 'node:net';

  export interface ConfigureOptions {
    /** Simulated cores (default 4); set before any cpu() work. */
    cores?: number;
    /** One-way latency of every link (ms, default 1). */
    latencyMs?: number;
    /** Bandwidth (bytes per ms; default unlimited). */
    bytesPerMs?: number;
    /** The receiver's window (bytes, default 64 KiB). */
    recvWindowBytes?: number;
    /** Bytes a socket buffers before write() returns false (default 16 KiB). */
    highWaterMark?: number;
    /**
     * Real I/O's latency model (docs/io-model.md). `time: 'measured'`: each operation takes its
     * real measured duration (truthful, not deterministic). `costs`: per kind, a number sets the
     * base ms (`{ 'fs.read': 0.5 }`), an object either part (`{ 'fs.read': { per: 2 } }`: ms per MiB).
     */
    io?: {
      time?: 'model' | 'measured';
      costs?: Partial<Record<IoCostKind, number | { base?: number; per?: number }>>;
    };
  }

  /** The latency model's kinds (docs/io-model.md). */
  export type IoCostKind =
    | 'fs.meta' | 'fs.read' | 'fs.write'
    | 'crypto.pbkdf2' | 'crypto.scrypt' | 'crypto.random' | 'crypto.keygen.rsa' | 'crypto.keygen' | 'crypto.digest'
    | 'zlib.deflate' | 'zlib.inflate' | 'zlib.brotli'
    | 'dns.lookup';

  export interface ClientScript {
    port: number;
    count?: number;
    arriveAt?: number | number[] | ((i: number, random: () => number) => number);
    messages?: string[] | ((i: number) => string[]);
    thinkMs?: number | ((i: number, k: number, random: () => number) => number);
    waitForGreeting?: boolean;
    awaitReply?: boolean;
    readBytesPerMs?: number | ((i: number) => number);
    name?: (i: number) => string;
    seed?: number;
    latencyMs?: number;
    bytesPerMs?: number;
    recvWindowBytes?: number;
  }

  export interface ClientResult {
    name: string;
    state: 'waiting' | 'connecting' | 'talking' | 'closing' | 'done' | 'refused';
    arrivedAt: number;
    firstByteAt?: number;
    closedAt?: number;
    /** Arrival → first byte from the server: how long the client stood in line. */
    waitedMs: number;
    /** Arrival → closed. */
    sessionMs: number;
    received: string[];
    bytes: number;
  }

  export interface ClientsHandle {
    readonly results: ClientResult[];
    /** Resolves when every client is done. */
    readonly done: Promise<ClientResult[]>;
    readonly allDone: boolean;
  }

  export interface ThreadHandle<T> {
    readonly id: number;
    readonly alive: boolean;
    /** Blocks the calling thread until this one ends; returns what its function returned. */
    join(): T | undefined;
  }

  export interface ThreadPool {
    readonly size: number;
    readonly queued: number;
    readonly busy: number;
    submit(job: () => void): void;
    close(): void;
  }

  export interface MemoryReport {
    peakThreads: number;
    tasks: number;
    reservedBytes: number;
    usedBytes: number;
  }

  export function configure(options: ConfigureOptions): void;
  export function now(): number;
  export function threadId(): number;
  export function cores(): number;
  /** CPU work: occupies one core for `ms` of virtual time. */
  export function cpu(ms: number): void;
  /** A blocking wait that needs no core. */
  export function sleepSync(ms: number): void;
  export function clients(script: ClientScript): ClientsHandle;
  export function acceptSync(server: Server): Socket | null;
  export function readSync(socket: Socket, maxBytes?: number): string | null;
  export function readLineSync(socket: Socket): string | null;
  export function writeSync(socket: Socket, data: string): number;
  export function writeSome(socket: Socket, data: string): number;
  export function endSync(socket: Socket): void;
  export function select<T extends Socket | Server>(read: readonly T[], write?: readonly T[], timeoutMs?: number): { readable: T[]; writable: T[] };
  export function thread<T>(fn: () => T, name?: string): ThreadHandle<T>;
  export function threadPool(size: number, name?: string): ThreadPool;
  export function memory(tasks?: number): MemoryReport;
  export function formatBytes(n: number): string;
  export const MEMORY_MODEL: {
    readonly threadStackReservedBytes: number;
    readonly threadStackCommittedBytes: number;
    readonly threadOverheadBytes: number;
    readonly taskBytes: number;
  };
}
