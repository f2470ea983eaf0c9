/**
 * What Node major line a piece of text names, as version managers read it: `node --version`'s
 * `v22.3.0`, an `.nvmrc` / `.node-version` line (`22`, `v20.11.1`, `lts/jod`, `lts/*`, `node`).
 * Returns the major as written (it may be unsupported, e.g. 18 or 27: the caller clamps it),
 * or undefined when the text names no version we can tell (`system`, `iojs`, garbage).
 */
import { DEFAULT_NODE_MAJOR } from './targets';

/** nvm's LTS code names (`lts/<name>`), lower case. Node 26 has none yet in the builds we test against. */
const LTS_CODENAMES: Record<string, number> = {
  argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18,
  iron: 20, jod: 22, krypton: 24,
};

/** Aliases that mean "the newest line": we read them as the newest line we imitate. */
const NEWEST_ALIASES = new Set(['node', 'stable', 'latest', 'current', 'lts/*', 'lts']);

export function majorOfVersionText(text: string): number | undefined {
  // nvm allows comments after '#'; the first non-empty line is the version.
  const line = text.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).find((l) => l !== '');
  if (line === undefined) return undefined;
  const lower = line.toLowerCase();
  if (NEWEST_ALIASES.has(lower)) return DEFAULT_NODE_MAJOR;
  const lts = /^lts\/([a-z]+)$/.exec(lower);
  if (lts) return LTS_CODENAMES[lts[1]];
  const m = /^(?:node[@-]?)?v?(\d+)(?:\.(?:\d+|x|\*))?(?:\.(?:\d+|x|\*))?(?:[-+][0-9A-Za-z.-]*)?$/i.exec(line);
  return m ? Number(m[1]) : undefined;
}
