/**
 * The `module` option the instrumenter emits with: `Preserve`, with ESNext's output.
 *
 * Why not simply `ESNext` (what the output is): TypeScript 6 emits an ESNext file through a
 * dispatcher that asks the program for the file's module format at every identifier it prints
 * (`transformImpliedNodeFormatDependentModule` → `getEmitModuleFormatOfFile`, ~5 % of a large
 * file's instrumentation); Preserve takes the same ES module transform
 * (`transformECMAScriptModule`) directly. That transform differs between the two in three places
 * only, and the instrumenter keeps ESNext's output in each:
 * - a module whose import/export statements were all elided (type-only imports, or everything
 *   moved into a top-level-await body) gets `export {};` from ESNext and nothing from Preserve:
 *   `emptyExportAsESNext` adds it as ESNext does;
 * - `import x = require(…)` and `export = x` (TypeScript's CommonJS forms): ESNext drops them,
 *   Preserve writes `require(…)` / `module.exports =`. A file with either (syntax-facts.ts
 *   `commonJsForms`) is emitted with ESNext (index.ts starts its emit again; rare, and only such
 *   files pay twice).
 * test/unit/instrument/emit-module.test.ts checks the equivalence on TypeScript's own emit, so a
 * TypeScript upgrade that changes it fails there.
 */
import ts from './typescript';

export type EmitModule = ts.ModuleKind.Preserve | ts.ModuleKind.ESNext;

/** TypeScript's `isExternalModuleIndicator` (internal): a statement that makes the file a module after the emit. */
function isModuleIndicator(s: ts.Statement): boolean {
  return ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s)
    || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
}

/** An `after` transformer for `module: Preserve`: what ESNext's module transform appends to a module left without import/export, `export {};`. */
export const emptyExportAsESNext: ts.TransformerFactory<ts.SourceFile> = (context) => (sf) => {
  if (!ts.isExternalModule(sf) || sf.statements.some(isModuleIndicator)) return sf;
  const f = context.factory;
  const emptyExport = f.createExportDeclaration(undefined, false, f.createNamedExports([]), undefined);
  return f.updateSourceFile(sf, ts.setTextRange(f.createNodeArray([...sf.statements, emptyExport]), sf.statements));
};
