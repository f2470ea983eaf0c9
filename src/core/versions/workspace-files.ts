/**
 * The Node version a project writes down for its tools: `.nvmrc` (nvm, fnm), `.node-version`
 * (nodenv, fnm, volta's fallback, many CIs) or package.json `engines.node`. The nearest one wins,
 * walking up from a folder to the root; in one folder `.nvmrc`, then `.node-version`, then
 * package.json. A file that names nothing we can read (`system`, a range that does not parse) is
 * passed over, as if it were not there, and the walk goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { majorOfEnginesRange } from './engines-range';
import { majorOfVersionText } from './version-text';

export interface VersionFileFinding {
  /** The major the file names (maybe unsupported: the caller clamps it). */
  major: number;
  /** Absolute path of the file. */
  file: string;
  /** What it says: the version line, or the engines range. */
  text: string;
}

function readText(file: string): string | undefined {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function fromVersionFile(file: string): VersionFileFinding | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const major = majorOfVersionText(text);
  return major === undefined ? undefined : { major, file, text: text.trim().split(/\r?\n/)[0] };
}

function fromPackageJson(file: string): VersionFileFinding | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  let range: unknown;
  try {
    range = (JSON.parse(text) as { engines?: { node?: unknown } } | null)?.engines?.node;
  } catch {
    return undefined; // a broken package.json is the program's problem, reported when it runs
  }
  if (typeof range !== 'string') return undefined;
  const major = majorOfEnginesRange(range);
  return major === undefined ? undefined : { major, file, text: range };
}

/** The nearest version file at or above `startDir`. */
export function findVersionFile(startDir: string): VersionFileFinding | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const found =
      fromVersionFile(path.join(dir, '.nvmrc')) ??
      fromVersionFile(path.join(dir, '.node-version')) ??
      fromPackageJson(path.join(dir, 'package.json'));
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
