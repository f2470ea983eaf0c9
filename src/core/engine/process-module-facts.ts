/**
 * The parts of the sandbox's `process` that need the engine: `getBuiltinModule` (the sandbox's own
 * module table), `mainModule`, `openStdin`, `loadEnvFile` (a real read of the file, parsed by
 * Node's own dotenv parser, `util.parseEnv`), and the imitated line's build facts `config` and
 * `allowedNodeEnvironmentFlags` (copied from the real builds, versions/process-config.json; read on
 * first use). The runtime's part is runtime/process-system.ts.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import util from 'node:util';
import type { NodeMajor } from '../versions/targets';

/** Built-ins that exist only with the `node:` scheme (Node's BuiltinModule.schemelessBlockList). */
const SCHEME_ONLY = new Set(['test', 'test/reporters', 'sqlite', 'sea', 'test/mock_loader']);

type PerLine = { config: object; allowedNodeEnvironmentFlags: string[] };
let perLine: Record<string, PerLine> | undefined;
function lineData(nodeMajor: NodeMajor): PerLine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- 89 KB of data, read only when a program asks
  perLine ??= require('../versions/process-config.json') as Record<string, PerLine>;
  return perLine[String(nodeMajor)];
}

/**
 * Node's NodeEnvironmentFlagsSet (lib/internal/process/per_thread.js): a read-only Set whose `has`
 * accepts a flag with a value (`--max-old-space-size=100`) and underscores for dashes.
 */
function flagsSet(flags: string[], SetOfRealm: SetConstructor): Set<string> {
  const set = new SetOfRealm(flags);
  const has = set.has.bind(set);
  Object.defineProperties(set, {
    has: { value: (key: unknown) => {
      if (typeof key !== 'string') return false;
      let flag = key.replace(/=.*$/, '');
      if (/^--/.test(flag)) flag = '--' + flag.slice(2).replace(/_/g, '-');
      return has(flag);
    } },
    add: { value() { return set; } },
    delete: { value: () => false },
    clear: { value: () => undefined },
  });
  return Object.freeze(set);
}

export interface ProcessModuleFacts {
  nodeMajor: NodeMajor;
  /** The sandbox's `require` of a built-in (`node:fs`, `fs`). */
  requireBuiltin(id: string): unknown;
  /** The main module of a CommonJS entry; undefined for an ES module entry (as Node's). */
  mainModule: object | undefined;
  /** Makes a value of the sandbox's realm from JSON (so `config` is the program's plain objects). */
  parseInRealm(json: string): object;
  SetOfRealm: SetConstructor;
  TypeErrorOfRealm: TypeErrorConstructor;
  /** The run's working directory (a relative `.env` is read from there). */
  cwd: string;
}

export function addProcessModuleFacts(proc: Record<string, unknown>, facts: ProcessModuleFacts): void {
  // The program's own TypeError (a host one would fail `instanceof TypeError` there), with the
  // simple "Received" forms these checks meet; runtime/errors.ts has Node's full wording.
  const invalidArgType = (name: string, expected: string, value: unknown): Error => {
    const received = value === null || value === undefined ? String(value) : typeof value === 'object' || typeof value === 'function' ? `an instance of ${(value as object).constructor?.name ?? 'Object'}` : `type ${typeof value} (${String(value)})`;
    return Object.assign(new facts.TypeErrorOfRealm(`The "${name}" argument must be ${expected}. Received ${received}`), { code: 'ERR_INVALID_ARG_TYPE' });
  };
  proc.getBuiltinModule = function getBuiltinModule(id: unknown): unknown {
    if (typeof id !== 'string') throw invalidArgType('id', 'of type string', id);
    const bare = id.startsWith('node:') ? id.slice(5) : id;
    const known = id.startsWith('node:') ? builtinModules.includes(bare) || SCHEME_ONLY.has(bare) : builtinModules.includes(bare) && !SCHEME_ONLY.has(bare);
    return known ? facts.requireBuiltin(id) : undefined;
  };
  proc.mainModule = facts.mainModule;
  proc.loadEnvFile = function loadEnvFile(file: unknown = '.env'): void {
    if (typeof file !== 'string' && !(file instanceof URL) && !Buffer.isBuffer(file)) throw invalidArgType('path', 'of type string or an instance of Buffer or URL', file);
    const where = typeof file === 'string' ? path.resolve(facts.cwd, file) : file;
    // Values already in the environment win, as in Node (node_dotenv.cc SetEnvironment).
    const parsed = util.parseEnv(fs.readFileSync(where, 'utf8'));
    const env = proc.env as Record<string, string>;
    for (const [key, value] of Object.entries(parsed)) if (!Object.prototype.hasOwnProperty.call(env, key)) env[key] = value ?? '';
  };
  proc.openStdin = function openStdin(): unknown {
    const stdin = proc.stdin as { resume(): void };
    stdin.resume();
    return stdin;
  };
  let config: object | undefined;
  let flags: Set<string> | undefined;
  Object.defineProperty(proc, 'config', {
    get: () => (config ??= facts.parseInRealm(JSON.stringify(lineData(facts.nodeMajor).config))),
    set: (v: object) => { config = v; },
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proc, 'allowedNodeEnvironmentFlags', {
    get: () => (flags ??= flagsSet(lineData(facts.nodeMajor).allowedNodeEnvironmentFlags, facts.SetOfRealm)),
    enumerable: true,
    configurable: true,
  });
}
