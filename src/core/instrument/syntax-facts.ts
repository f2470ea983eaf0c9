/**
 * What the instrumenter and the engine ask about a file's original syntax tree, read in one walk
 * of the instrumenter's own parse (the first `before` transformer, index.ts) instead of a walk
 * (or a parse) each:
 * - Node's module syntax detection (module-syntax.ts), for the bundler's module decisions;
 * - whether the const-assignment pass has anything to rewrite (const-assign.ts): almost no file
 *   assigns to a constant, and then that pass does not walk the file again;
 * - whether the file has TypeScript's CommonJS forms, which decide how the file is emitted
 *   (index.ts, `module: Preserve`);
 * - whether it has TypeScript that only a compiler can run, which Node's type stripping may
 *   refuse (engine/strip-types.ts): the engine then asks amaro, and otherwise parses nothing.
 */
import ts from './typescript';
import { mayAssignConstantAt } from './const-assign';
import { moduleSyntaxFrom, noteModuleExpression, type ModuleSyntax } from './module-syntax';

export interface SyntaxFacts {
  moduleSyntax: ModuleSyntax;
  /** Some assignment, `++`/`--` or `for (… in/of` target may name a `const`/`using` binding. */
  mayAssignConstant: boolean;
  /** `import x = require(…)` (any `import x =`) or `export = x`. */
  commonJsForms: boolean;
  /** A construct Node's type stripping may refuse (isCompilerOnlySyntax). */
  compilerOnlySyntax: boolean;
  /** A decorator (`@x`): TypeScript's emit and esbuild's may differ on them (index.ts prints such a file whole). */
  decorators: boolean;
}

function isDeclared(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/**
 * TypeScript that needs a compiler, not just erasing: enums and namespaces (not `declare`d),
 * parameter properties, `import x = …`, `export =`, `<T>x` assertions. What amaro's strip-only
 * mode can refuse; it may say yes where amaro accepts (a namespace of types only): amaro decides.
 */
export function isCompilerOnlySyntax(node: ts.Node): boolean {
  return (ts.isEnumDeclaration(node) && !isDeclared(node))
    || (ts.isModuleDeclaration(node) && !isDeclared(node))
    || (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent) && (ts.getModifiers(node) ?? []).length > 0)
    || (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly)
    || (ts.isExportAssignment(node) && node.isExportEquals === true)
    || ts.isTypeAssertionExpression(node);
}

/** The facts of a parsed and bound file (bound: const-assign resolves names through the binder's scopes). */
export function readSyntaxFacts(sf: ts.SourceFile, options: { constAssign: boolean; compilerOnly: boolean }): SyntaxFacts {
  const expressions = { importMeta: false, topLevelAwait: false };
  let mayAssignConstant = false;
  let commonJsForms = false;
  let compilerOnlySyntax = false;
  let decorators = false;
  // Whether the children being walked are at the top level: one callback for every node, not a
  // closure per node (this walk meets every node of the file).
  let childrenAtTopLevel = true;
  const visitChild = (child: ts.Node): void => visit(child, childrenAtTopLevel);
  const visit = (node: ts.Node, topLevel: boolean): void => {
    const inner = noteModuleExpression(node, topLevel, expressions);
    if (options.constAssign && !mayAssignConstant) mayAssignConstant = mayAssignConstantAt(node);
    if (options.compilerOnly && !compilerOnlySyntax) compilerOnlySyntax = isCompilerOnlySyntax(node);
    if (!decorators && node.kind === ts.SyntaxKind.Decorator) decorators = true;
    if (ts.isImportEqualsDeclaration(node) || (ts.isExportAssignment(node) && node.isExportEquals === true)) commonJsForms = true;
    const outer = childrenAtTopLevel;
    childrenAtTopLevel = inner;
    ts.forEachChild(node, visitChild);
    childrenAtTopLevel = outer;
  };
  visit(sf, true);
  return { moduleSyntax: moduleSyntaxFrom(sf, expressions), mayAssignConstant, commonJsForms, compilerOnlySyntax, decorators };
}
