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

/** Node's rule: `.mjs`/`.mts` are modules, `.cjs`/`.cts` are not, otherwise the nearest package.json's "type". */
export function moduleKindOf(file: string): 'commonjs' | 'module' {
  const ext = path.extname(file);
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (path.dirname(dir) === dir) return 'commonjs';
  }
}
