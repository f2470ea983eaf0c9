/**
 * Which Node major a package.json `engines.node` range points at. The range is npm's semver
 * range grammar (`>=20`, `^22.11.0`, `20.x || 22.x`, `18 - 22`, `~24.1`): a line is *admitted* when
 * some version of it satisfies the range. The answer is the newest supported line admitted (a
 * project declaring `>=20` runs on whatever is newest); when no supported line is, the admitted
 * major nearest to the supported ones (the caller clamps it and says so); undefined when the
 * range admits nothing or does not parse. Prerelease tags are ignored.
 */
import { SUPPORTED_NODE_MAJORS } from './targets';

/** A version as one comparable number: major·10¹² + minor·10⁶ + patch. */
type Point = number;
const point = (major: number, minor = 0, patch = 0): Point => major * 1e12 + minor * 1e6 + patch;
const INFINITY = Number.POSITIVE_INFINITY;

/** Half-open interval [lo, hi) of versions. */
interface Interval { lo: Point; hi: Point }

/** A partial version: `1`, `1.2`, `1.2.3`; x / X / * (or a missing part) is a wildcard. */
interface Partial { major?: number; minor?: number; patch?: number }

function parsePartial(text: string): Partial | undefined {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(text);
  if (!m) return undefined;
  const num = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  const major = num(m[1]);
  const minor = major === undefined ? undefined : num(m[2]);
  const patch = minor === undefined ? undefined : num(m[3]);
  return { major, minor, patch };
}

/** The first version a partial covers, and the first version after everything it covers. */
function lowOf(p: Partial): Point {
  return p.major === undefined ? 0 : point(p.major, p.minor ?? 0, p.patch ?? 0);
}
function endOf(p: Partial): Point {
  if (p.major === undefined) return INFINITY;
  if (p.minor === undefined) return point(p.major + 1);
  if (p.patch === undefined) return point(p.major, p.minor + 1);
  return point(p.major, p.minor, p.patch + 1);
}

function comparatorInterval(op: string, p: Partial): Interval {
  switch (op) {
    case '>=': return { lo: lowOf(p), hi: INFINITY };
    case '>': return p.major === undefined ? { lo: INFINITY, hi: INFINITY } : { lo: endOf(p), hi: INFINITY };
    case '<': return { lo: 0, hi: p.major === undefined ? 0 : lowOf(p) };
    case '<=': return { lo: 0, hi: endOf(p) };
    case '~': return { lo: lowOf(p), hi: p.major === undefined ? INFINITY : p.minor === undefined ? point(p.major + 1) : point(p.major, p.minor + 1) };
    case '^': {
      if (p.major === undefined) return { lo: 0, hi: INFINITY };
      if (p.major > 0 || p.minor === undefined) return { lo: lowOf(p), hi: point(p.major + 1) };
      if (p.minor > 0 || p.patch === undefined) return { lo: lowOf(p), hi: point(0, p.minor + 1) };
      return { lo: lowOf(p), hi: point(0, 0, p.patch + 1) };
    }
    default: return { lo: lowOf(p), hi: endOf(p) }; // '=' or a bare x-range
  }
}

/** One `||` alternative: comparators joined by spaces, or a hyphen range. Undefined: does not parse. */
function alternativeInterval(text: string): Interval | undefined {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) {
    const from = parsePartial(hyphen[1]);
    const to = parsePartial(hyphen[2]);
    if (!from || !to) return undefined;
    return { lo: lowOf(from), hi: endOf(to) };
  }
  // `>= 20` is allowed (npm joins an operator with the version after it).
  const tokens = text.replace(/(>=|<=|>|<|=|\^|~>?)\s+/g, '$1').split(/\s+/).filter(Boolean);
  let lo = 0;
  let hi = INFINITY;
  for (const token of tokens) {
    const m = /^(>=|<=|>|<|=|\^|~>?)?(.*)$/.exec(token)!;
    const p = parsePartial(m[2]);
    if (!p) return undefined;
    const i = comparatorInterval((m[1] ?? '=').replace('~>', '~'), p);
    lo = Math.max(lo, i.lo);
    hi = Math.min(hi, i.hi);
  }
  return { lo, hi };
}

/** Every major (0–199) some version of which satisfies `range`; undefined when it does not parse. */
export function admittedMajors(range: string): number[] | undefined {
  const intervals: Interval[] = [];
  for (const alternative of range.split('||').map((s) => s.trim())) {
    const i = alternative === '' ? { lo: 0, hi: INFINITY } : alternativeInterval(alternative);
    if (!i) return undefined;
    intervals.push(i);
  }
  const majors: number[] = [];
  for (let major = 0; major < 200; major++) {
    const [from, to] = [point(major), point(major + 1)];
    if (intervals.some((i) => Math.max(i.lo, from) < Math.min(i.hi, to))) majors.push(major);
  }
  return majors;
}

/** The major an `engines.node` range points at (see the file comment). */
export function majorOfEnginesRange(range: string): number | undefined {
  const admitted = admittedMajors(range);
  if (!admitted || admitted.length === 0) return undefined;
  const supported = admitted.filter((m) => (SUPPORTED_NODE_MAJORS as readonly number[]).includes(m));
  if (supported.length) return Math.max(...supported);
  const distance = (m: number) => Math.min(...SUPPORTED_NODE_MAJORS.map((s) => Math.abs(s - m)));
  // Nearest to a supported line; on a tie the newer.
  return admitted.reduce((best, m) => (distance(m) < distance(best) || (distance(m) === distance(best) && m > best) ? m : best));
}
