/**
 * A disk cache of instrumented files, so a re-run of an unchanged program (and of its
 * node_modules, which are most of its text) instruments nothing again.
 *
 * Key: a hash of the engine's own code (the running worker bundle: any change to the
 * instrumenter changes it), the instrument options (file name, display name, probes, …) and the
 * file's text. A hit therefore can only be the exact output the instrumenter would produce now.
 *
 * Entry: `<dir>/<key[0..2]>/<key>.json` holding `{ v, key, sum, result }`, `sum` a hash of the
 * result's JSON. An entry that does not parse, names another key or fails its sum (a torn
 * write, a disk error, a hand edit) is a miss: it is rebuilt and overwritten, never used.
 * Writes go to a temporary name and are renamed into place, so readers never see half a file.
 * A write that fails (full disk, read-only folder) switches the cache off for the rest of the
 * run and says so once; the run goes on without it.
 *
 * Size: after a run that wrote entries, a folder over `maxBytes` drops its least recently used
 * half (a hit refreshes the entry's mtime).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InstrumentOptions, InstrumentResult } from '../instrument/index';

const ENTRY_VERSION = 1;

interface Entry {
  v: number;
  key: string;
  sum: string;
  result: InstrumentResult;
}

function sha256(text: string | Buffer): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The fingerprint of the engine code now running: the worker bundle's bytes (read once). */
let engineFingerprint: string | undefined;
function fingerprint(): string {
  if (engineFingerprint === undefined) {
    try {
      engineFingerprint = sha256(fs.readFileSync(__filename));
    } catch {
      engineFingerprint = `unreadable:${Date.now()}:${Math.random()}`; // never matches an entry
    }
  }
  return engineFingerprint;
}

export interface InstrumentCacheStats {
  hits: number;
  misses: number;
  /** Entries found but not used (corrupt, torn or stale): rebuilt. */
  rejected: number;
  writes: number;
}

export class InstrumentCache {
  readonly stats: InstrumentCacheStats = { hits: 0, misses: 0, rejected: 0, writes: 0 };
  private disabled = false;
  /** Set once, when the cache had to be switched off: the run reports it. */
  warning: string | undefined;

  constructor(readonly dir: string, private readonly maxBytes = 256 * 1024 * 1024) {}

  private keyOf(text: string, options: InstrumentOptions): string {
    return sha256(`${fingerprint()}\0${JSON.stringify(options)}\0${text}`);
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached result for this text and these options, or the instrumenter's (then stored). */
  instrument(text: string, options: InstrumentOptions, instrumentSource: (text: string, options: InstrumentOptions) => InstrumentResult): InstrumentResult {
    if (this.disabled) return instrumentSource(text, options);
    const key = this.keyOf(text, options);
    const file = this.fileOf(key);
    const cached = this.read(file, key);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const result = instrumentSource(text, options);
    this.write(file, key, result);
    return result;
  }

  private read(file: string, key: string): InstrumentResult | undefined {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined; // no entry
    }
    try {
      const entry = JSON.parse(raw) as Entry;
      if (entry.v === ENTRY_VERSION && entry.key === key && entry.sum === sha256(JSON.stringify(entry.result))) {
        const now = new Date();
        try { fs.utimesSync(file, now, now); } catch { /* the LRU order is only a hint */ }
        return entry.result;
      }
    } catch {
      // not JSON: a torn or foreign file
    }
    this.stats.rejected++;
    return undefined;
  }

  private write(file: string, key: string, result: InstrumentResult): void {
    const entry: Entry = { v: ENTRY_VERSION, key, sum: sha256(JSON.stringify(result)), result };
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(entry));
      fs.renameSync(tmp, file);
      this.stats.writes++;
    } catch (e) {
      try { fs.rmSync(tmp, { force: true }); } catch { /* nothing more to do */ }
      this.disabled = true;
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      this.warning = `the instrumentation cache in ${this.dir} could not be written (${code}); this run goes on without it`;
    }
  }

  /** After a run that wrote entries: keep the folder under its size by dropping the least recently used half. */
  prune(): void {
    if (this.disabled || this.stats.writes === 0) return;
    const files: { file: string; size: number; used: number }[] = [];
    let total = 0;
    try {
      for (const sub of fs.readdirSync(this.dir)) {
        const subDir = path.join(this.dir, sub);
        for (const name of fs.readdirSync(subDir)) {
          const file = path.join(subDir, name);
          const st = fs.statSync(file);
          files.push({ file, size: st.size, used: st.mtimeMs });
          total += st.size;
        }
      }
    } catch {
      return; // another run pruning at the same time, or the folder went away
    }
    if (total <= this.maxBytes) return;
    files.sort((x, y) => x.used - y.used);
    let dropped = 0;
    for (const f of files) {
      if (dropped >= total / 2) break;
      try { fs.rmSync(f.file, { force: true }); } catch { /* already gone */ }
      dropped += f.size;
    }
  }
}
