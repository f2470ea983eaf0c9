/**
 * `import()` of a module that does not exist. Node fails only when the import runs (the promise
 * rejects with ERR_MODULE_NOT_FOUND), so a program may try an optional dependency and go on
 * without it — `try { await import('yaml') } catch {}`, as Vite and many libraries do. The
 * bundler resolves every import before the program runs, so such an import would fail the build.
 * Instead bundle.ts leaves it as an external whose name carries this prefix, the specifier and
 * the importing file, and the sandbox's require throws Node's error when the import runs.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MISSING_IMPORT_PREFIX = 'async-timeline-missing-import:';

export function missingImportName(specifier: string, importer: string): string {
  return MISSING_IMPORT_PREFIX + JSON.stringify({ specifier, importer });
}

/** Node's ERR_MODULE_NOT_FOUND for it: the message, and the `url` Node adds for a path (not a package). */
export function missingImportError(name: string): { message: string; url?: string } | undefined {
  if (!name.startsWith(MISSING_IMPORT_PREFIX)) return undefined;
  const { specifier, importer } = JSON.parse(name.slice(MISSING_IMPORT_PREFIX.length)) as { specifier: string; importer: string };
  if (/^(?:\.{1,2}\/|\/|file:)/.test(specifier)) {
    const file = specifier.startsWith('file:') ? new URL(specifier).pathname : path.resolve(path.dirname(importer), specifier);
    return { message: `Cannot find module '${file}' imported from ${importer}`, url: pathToFileURL(file).href };
  }
  // A package: its name (with its scope), not the subpath.
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return { message: `Cannot find package '${packageName}' imported from ${importer}` };
}
