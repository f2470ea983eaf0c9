/**
 * Whether compiled TypeScript is strict: tsc emits `"use strict"` at the top of every script
 * when the project's `alwaysStrict` holds (implied by `strict`, and by TypeScript 6's defaults).
 * Only for TypeScript the simulator compiles (`--typescript compile`, or any `.ts` on Node 20):
 * JavaScript and type-stripped `.ts` files run as written, whatever tsconfig.json says, because
 * Node never reads it (bundle.ts gives esbuild no tsconfig for the same reason).
 */
import path from 'node:path';
import ts from 'typescript';

/** `alwaysStrict` of each tsconfig.json read, by its path (one read per bundle). */
export type TsconfigStrictness = Map<string, boolean>;

/** Reads `extends` chains, never the `include`d files: only the compiler options matter here. */
const optionsOnlyHost: ts.ParseConfigHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  readDirectory: () => [],
  fileExists: (f) => ts.sys.fileExists(f),
  readFile: (f) => ts.sys.readFile(f),
};

/** tsc's `alwaysStrict` for this file: its nearest tsconfig.json's, else TypeScript's default. */
export function compiledAlwaysStrict(file: string, seen: TsconfigStrictness): boolean {
  const configFile = ts.findConfigFile(path.dirname(file), (f) => ts.sys.fileExists(f));
  const key = configFile ?? '';
  let strict = seen.get(key);
  if (strict === undefined) {
    let options: ts.CompilerOptions = {};
    if (configFile) {
      const json = ts.readJsonConfigFile(configFile, (f) => ts.sys.readFile(f));
      // A tsconfig that does not parse is tsc's error, not ours: its options are then the defaults.
      options = ts.parseJsonSourceFileConfigFileContent(json, optionsOnlyHost, path.dirname(configFile)).options;
    }
    // tsc's rule (its internal getStrictOptionValue): the option, else `strict`, else TypeScript 6's default.
    strict = options.alwaysStrict ?? options.strict ?? true;
    seen.set(key, strict);
  }
  return strict;
}
