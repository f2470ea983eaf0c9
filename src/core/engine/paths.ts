/**
 * File naming and module-kind rules, kept apart from bundle.ts so the parent side (run.ts, the
 * CLI, the extension host) can use them without loading esbuild and TypeScript.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The name a user knows a file by: relative to the working directory when inside it. */
export function displayName(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/** How Node of the target decides a file's module system, and why (docs/modules.md). */
export interface ModuleDecision {
  kind: 'commonjs' | 'module';
  /** What decided: the extension, the nearest package.json's "type", syntax detection, or the default. */
  by: 'extension' | 'package-type' | 'syntax' | 'default';
  /** The nearest package.json, if any. */
  packageJson?: string;
}

/**
 * Node's rule for the file `file` under Node `nodeMajor` (absent: 20):
 * - `.mjs`/`.mts` are ES modules, `.cjs`/`.cts` CommonJS;
 * - otherwise the nearest package.json's "type" ("module" or "commonjs") decides;
 * - with no "type": syntax detection (Node 20.19+, 22.7+) — `moduleSyntax` says whether the
 *   text has module syntax (`syntax`, from instrument/module-syntax.ts); the parent side,
 *   which does not parse, passes nothing and gets CommonJS;
 * - `.ts`/`.tsx` without a "type" under the Node 20 target: CommonJS, unless the file has a
 *   top-level await (then an ES module: the only way it can run). Node 20 cannot run a `.ts`
 *   file itself; the ways it runs one in practice (`tsc` with `module: commonjs`, ts-node, tsx)
 *   follow the package's "type" and give CommonJS without one. Node 22.18+, 24 and 26 strip
 *   the types and apply syntax detection, as for `.js`.
 */
export function decideModuleKind(file: string, nodeMajor: number = 20, syntax?: { module: boolean; topLevelAwait: boolean }): ModuleDecision {
  const ext = path.extname(file);
  if (ext === '.mjs' || ext === '.mts') return { kind: 'module', by: 'extension' };
  if (ext === '.cjs' || ext === '.cts') return { kind: 'commonjs', by: 'extension' };
  const packageJson = nearestPackageJson(file);
  let type: unknown;
  if (packageJson !== undefined) {
    try {
      type = (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { type?: unknown }).type;
    } catch {
      type = undefined; // Node reports a broken package.json when it loads it; the default applies here
    }
  }
  const at = packageJson !== undefined ? { packageJson } : {};
  if (type === 'module') return { kind: 'module', by: 'package-type', ...at };
  if (type === 'commonjs') return { kind: 'commonjs', by: 'package-type', ...at };
  const isTs = ext === '.ts' || ext === '.tsx';
  if (isTs && nodeMajor < 22) return syntax?.topLevelAwait ? { kind: 'module', by: 'syntax', ...at } : { kind: 'commonjs', by: 'default', ...at };
  return syntax?.module ? { kind: 'module', by: 'syntax', ...at } : { kind: 'commonjs', by: 'default', ...at };
}

/** The module system alone (see decideModuleKind). */
export function moduleKindOf(file: string, nodeMajor?: number, syntax?: { module: boolean; topLevelAwait: boolean }): 'commonjs' | 'module' {
  return decideModuleKind(file, nodeMajor, syntax).kind;
}

function nearestPackageJson(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) return pkg;
    if (path.dirname(dir) === dir) return undefined;
  }
}
