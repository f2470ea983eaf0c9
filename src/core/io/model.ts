/**
 * The I/O latency model: how much virtual time one operation Node hands to libuv takes
 * (docs/io-model.md). Pure: no Node, no DOM.
 *
 * Each operation is really performed (the file is read, the hash computed) and its result is
 * delivered after `cost()` virtual ms. Costs are `base + perMiB × MiB` (or per unit of work for
 * crypto), with defaults measured on this kind of machine with real Node 20
 * (`node bench/io-model.mjs`). The same program, seed and files give the same costs: the
 * model never reads the real clock. Seed 0 (the default) adds no jitter; any other seed
 * spreads each cost by up to ±25 % with a deterministic generator, so the race explorer and
 * `--seed` can vary completion orders within the model's range.
 *
 * `time: 'measured'` replaces the model by the operation's real measured duration: truthful for
 * this machine, not deterministic.
 */

/** One kind of operation's cost: `base` ms plus `perMiB` ms per MiB of data (or per `unit`). */
export interface CostRule {
  base: number;
  /** ms per MiB of data (reads, writes, compression) or per unit of work (see each kind). */
  per: number;
}

/** Operation kinds the model knows (the keys of `sim.configure({ io: { … } })`). */
export const COST_KINDS = [
  'fs.meta', 'fs.read', 'fs.write',
  'crypto.pbkdf2', 'crypto.scrypt', 'crypto.random', 'crypto.keygen.rsa', 'crypto.keygen', 'crypto.digest',
  'zlib.deflate', 'zlib.inflate', 'zlib.brotli',
  'dns.lookup',
] as const;
export type CostKind = (typeof COST_KINDS)[number];

/**
 * Defaults, measured with `node bench/io-model.mjs` (Node 20.20, this 2-core machine, load ≈ 0.5;
 * medians of the real asynchronous call, from the call to its callback):
 * - fs.stat 0.06 ms, open+close 0.13, readdir 0.03, ENOENT 0.03       → fs.meta 0.05
 * - readFile 1 KiB 0.18 ms, 8 MiB 5.7 ms (0.71 ms/MiB): Node's open, fstat, read, close
 *   → 3 × fs.meta + fs.read 0.03 + 0.7/MiB
 * - writeFile 1 KiB 0.37 ms, 8 MiB 13 ms (1.6 ms/MiB): open, write, close
 *   → 2 × fs.meta + fs.write 0.27 + 1.6/MiB
 * - pbkdf2 100k iterations, 64-byte key: sha1 83 ms (4 blocks), sha256 39 ms (2 blocks),
 *   sha512 53 ms (1 block) → per block-iteration 0.21 µs, 0.19 µs, 0.53 µs (digest table below)
 * - scrypt N=16384 r=8 p=1: 39 ms                                    → per N·r·p unit 0.3 µs
 * - randomBytes 1 MiB 0.56 ms                                        → crypto.random 0.02 + 0.56/MiB
 * - generateKeyPair rsa 2048: 144 ms (grows with bits³); ed25519 0.14 ms
 * - gzip 1 MiB (level 6) 2.2 ms, gunzip 3.8 ms/MiB of output, brotli 20 ms/MiB
 * - dns.lookup('localhost') 0.05 ms
 */
export const DEFAULT_COSTS: Record<CostKind, CostRule> = {
  'fs.meta': { base: 0.05, per: 0 },
  'fs.read': { base: 0.03, per: 0.7 },
  'fs.write': { base: 0.27, per: 1.6 },
  /** per: ms per block-iteration of a SHA-256-class digest (scaled by DIGEST_FACTOR). */
  'crypto.pbkdf2': { base: 0.02, per: 0.000194 },
  /** per: ms per N·r·p. */
  'crypto.scrypt': { base: 0.05, per: 0.0003 },
  'crypto.random': { base: 0.02, per: 0.56 },
  /** per: ms for a 2048-bit key; other sizes scale with (bits / 2048)³. */
  'crypto.keygen.rsa': { base: 0, per: 144 },
  'crypto.keygen': { base: 0.14, per: 0 },
  'crypto.digest': { base: 0.01, per: 2.5 },
  'zlib.deflate': { base: 0.05, per: 2.2 },
  'zlib.inflate': { base: 0.05, per: 3.8 },
  'zlib.brotli': { base: 0.1, per: 20 },
  'dns.lookup': { base: 0.05, per: 0 },
};

/** pbkdf2 cost of one block-iteration relative to SHA-256 (measured, see above). */
const DIGEST_FACTOR: Record<string, number> = { sha1: 1.07, sha224: 1, sha256: 1, sha384: 2.75, sha512: 2.75, md5: 0.8 };
/** Output bytes per block of each digest (pbkdf2 computes ceil(keylen / size) blocks). */
const DIGEST_SIZE: Record<string, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64, md5: 16 };

export type IoTimeMode = 'model' | 'measured';

export interface IoModelOptions {
  time?: IoTimeMode;
  /** Per-kind overrides: a number sets `base` (ms), an object sets either part. */
  costs?: Partial<Record<CostKind, number | Partial<CostRule>>>;
  /** 0 = no jitter; another seed spreads costs by up to ±25 % (deterministically). */
  seed?: number;
  /** The race explorer's schedule (runtime/schedule.ts): may scale each cost drawn, within the model's range. */
  perturb?: (ms: number) => number;
}

const MiB = 1024 * 1024;

export class IoModel {
  time: IoTimeMode;
  private readonly costs: Record<CostKind, CostRule>;
  private readonly seed: number;
  private draws = 0;
  private readonly perturb: ((ms: number) => number) | undefined;

  constructor(options: IoModelOptions = {}) {
    this.time = options.time ?? 'model';
    this.seed = options.seed ?? 0;
    this.perturb = options.perturb;
    this.costs = { ...DEFAULT_COSTS };
    this.configure(options.costs ?? {});
  }

  /** Applies overrides; throws a RangeError naming an unknown kind or a bad value. */
  configure(costs: NonNullable<IoModelOptions['costs']>): void {
    for (const [kind, value] of Object.entries(costs)) {
      if (!(COST_KINDS as readonly string[]).includes(kind)) {
        throw new RangeError(`unknown I/O cost kind '${kind}'; known kinds: ${COST_KINDS.join(', ')}`);
      }
      const rule = { ...this.costs[kind as CostKind] };
      if (typeof value === 'number') rule.base = value;
      else if (value && typeof value === 'object') Object.assign(rule, value);
      if (!(rule.base >= 0) || !(rule.per >= 0)) throw new RangeError(`I/O cost '${kind}' must be ≥ 0 ms, got ${JSON.stringify(value)}`);
      this.costs[kind as CostKind] = rule;
    }
  }

  rule(kind: CostKind): CostRule {
    return this.costs[kind];
  }

  /** Cost of `bytes` of data under `kind`'s rule (ms), jittered by the seed. */
  bytes(kind: CostKind, bytes: number): number {
    const r = this.costs[kind];
    return this.jitter(r.base + (r.per * Math.max(0, bytes)) / MiB);
  }

  /** Cost of `units` of work under `kind`'s rule. */
  units(kind: CostKind, units: number): number {
    const r = this.costs[kind];
    return this.jitter(r.base + r.per * Math.max(0, units));
  }

  pbkdf2(iterations: number, keylen: number, digest: string): number {
    const d = digest.toLowerCase().replace(/-/g, '');
    const blocks = Math.max(1, Math.ceil(keylen / (DIGEST_SIZE[d] ?? 32)));
    const r = this.costs['crypto.pbkdf2'];
    return this.jitter(r.base + r.per * (DIGEST_FACTOR[d] ?? 1.5) * blocks * Math.max(1, iterations));
  }

  scrypt(N: number, r: number, p: number): number {
    return this.units('crypto.scrypt', N * r * p);
  }

  rsaKeygen(bits: number): number {
    const r = this.costs['crypto.keygen.rsa'];
    return this.jitter(r.base + r.per * (bits / 2048) ** 3);
  }

  /** ±25 % for a non-zero seed (xorshift on seed and draw count); none for seed 0. */
  private jitter(ms: number): number {
    if (this.perturb !== undefined) ms = this.perturb(ms);
    if (this.seed === 0) return ms;
    let x = (this.seed * 2654435761 + ++this.draws * 40503) >>> 0 || 1;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const u = (x >>> 0) / 4294967296;
    return ms * (0.75 + 0.5 * u);
  }
}

/** "12 KiB", "1.5 MiB", "300 B" for labels. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MiB) return `${+(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
  return `${+(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MiB`;
}
