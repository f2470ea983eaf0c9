/**
 * The recording file of a program's outside hosts (docs/recordings.md): what was looked up,
 * connected to and asked, with the real answers and their measured timings, so later runs
 * replay them offline and deterministically. Pretty JSON, one exchange per entry, in the order
 * they were made: a re-recording diffs cleanly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NetError } from './types';

export const RECORDING_FORMAT = 'async-timeline-recording';
export const RECORDING_VERSION = 1;

/** A body: UTF-8 text when the bytes are valid UTF-8 (readable diffs), else base64. */
export type RecordedBody = string | { base64: string };

export interface RecordedExchange {
  request: { method: string; url: string; headers?: [string, string][]; body?: RecordedBody };
  response?: { status: number; statusMessage: string; headers: [string, string][]; body: RecordedBody };
  /** The request failed for real (connection reset, TLS error, …): replayed as a reset. */
  error?: NetError;
  timing: { connectMs: number; firstByteMs: number; totalMs: number };
}

export interface Recording {
  format: typeof RECORDING_FORMAT;
  version: number;
  recordedAt: string;
  program: string;
  /** getaddrinfo answers by name. */
  hosts: Record<string, { addresses: { address: string; family: number }[] } | { error: NetError }>;
  /** TCP connects by `host:port`: the measured connect time, or the error (ECONNREFUSED, …). */
  connections: Record<string, { connectMs: number } | { error: NetError }>;
  exchanges: RecordedExchange[];
}

export function emptyRecording(program: string): Recording {
  return { format: RECORDING_FORMAT, version: RECORDING_VERSION, recordedAt: new Date().toISOString(), program, hosts: {}, connections: {}, exchanges: [] };
}

/** Thrown for a recording that cannot be used: its message names the file and how to re-record. */
export class RecordingError extends Error {}

function unusable(file: string, why: string): RecordingError {
  return new RecordingError(`async-timeline: the network recording ${file} ${why}; record it again with --record (or delete the file)`);
}

/** The recording at `file`, or undefined when there is none. Throws RecordingError when it cannot be used. */
export function loadRecording(file: string, shownAs: string = file): Recording | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unusable(shownAs, `cannot be read (${(e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw unusable(shownAs, `is not valid JSON (${(e as Error).message})`);
  }
  const r = data as Partial<Recording> | null;
  if (r === null || typeof r !== 'object' || r.format !== RECORDING_FORMAT) throw unusable(shownAs, `is not an async-timeline recording (its "format" is not "${RECORDING_FORMAT}")`);
  if (typeof r.version !== 'number') throw unusable(shownAs, 'has no "version"');
  if (r.version > RECORDING_VERSION) throw unusable(shownAs, `is version ${r.version}, newer than this async-timeline reads (${RECORDING_VERSION}): update async-timeline`);
  if (!Array.isArray(r.exchanges)) throw unusable(shownAs, 'has no "exchanges" list');
  for (const [i, x] of r.exchanges.entries()) {
    const ok = x && typeof x === 'object' && x.request && typeof x.request.method === 'string' && typeof x.request.url === 'string' && x.timing && typeof x.timing.firstByteMs === 'number' &&
      (x.error !== undefined || (x.response && typeof x.response.status === 'number' && Array.isArray(x.response.headers)));
    if (!ok) throw unusable(shownAs, `has a malformed exchange (exchanges[${i}])`);
  }
  return { ...r, hosts: r.hosts ?? {}, connections: r.connections ?? {}, exchanges: r.exchanges } as Recording;
}

/** Writes the recording atomically (a temporary file renamed over it): a reader never sees half a file. */
export function saveRecording(file: string, recording: Recording): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(recording, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

export function encodeBody(bytes: Buffer): RecordedBody {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : { base64: bytes.toString('base64') };
}

export function decodeBody(body: RecordedBody | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.base64, 'base64');
}

/** Where a program's recording lives: `.async-timeline/recordings/<file name>.json` beside it (or in `dir`). */
export function recordingFileFor(entry: string, dir?: string): string {
  return path.join(dir ?? path.join(path.dirname(entry), '.async-timeline', 'recordings'), `${path.basename(entry)}.json`);
}

/** Request headers whose values are secrets: written to a recording as "<redacted>" (matching does not use headers). */
export const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);
