/**
 * Node's syntax detection (`--experimental-detect-module`, on by default since Node 20.19 and
 * 22.7): a `.js` (or extensionless, or — with type stripping — `.ts`) file whose package.json
 * names no "type" runs as an ES module when it does not parse as CommonJS because of module
 * syntax: a static `import`/`export`, `import.meta`, or a top-level `await`.
 *
 * For TypeScript, Node decides on the text *after* stripping types (amaro), so what stripping
 * erases does not count: `import type …`, `export type …`, `export interface …`, `declare …`.
 * `import x = require(…)` and `export = x` are TypeScript's CommonJS forms, not module syntax.
 * Pure: the TypeScript parser only (no file system).
 */
import ts from './typescript';

export interface ModuleSyntax {
  /** Node's detection would run the text as an ES module. */
  module: boolean;
  /** It has a top-level `await` (or `for await`): it can only run as an ES module. */
  topLevelAwait: boolean;
}

/** What of Node's module syntax `text` has. */
export function detectModuleSyntax(text: string, fileName: string): ModuleSyntax {
  const isTs = /\.[cm]?tsx?$/.test(fileName) || !/\.[cm]?jsx?$/.test(fileName);
  return moduleSyntaxOf(ts.createSourceFile(fileName, text, ts.ScriptTarget.ESNext, false, isTs ? (/x$/.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : ts.ScriptKind.JS));
}

/** The same, of a file already parsed (the instrumenter's parse: no second one). */
export function moduleSyntaxOf(sf: ts.SourceFile): ModuleSyntax {
  return moduleSyntaxFrom(sf, moduleExpressions(sf));
}

function isTypeOnly(s: ts.Statement): boolean {
  return ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

function isModuleStatement(s: ts.Statement): boolean {
  if (ts.isImportDeclaration(s)) return !s.importClause?.isTypeOnly;
  if (ts.isExportDeclaration(s)) return !s.isTypeOnly;
  if (ts.isExportAssignment(s)) return !s.isExportEquals;
  if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || isTypeOnly(s)) return false;
  return ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** A node the parser made up for a missing one ("Expression expected"): it has no text. */
export function isMissing(node: ts.Node): boolean {
  return node.pos === node.end && ts.isIdentifier(node) && node.text === '';
}

/** What of the module expressions a walk has found so far. */
export interface ModuleExpressions {
  importMeta: boolean;
  topLevelAwait: boolean;
}

/**
 * One node's part of the module expressions: `import.meta` anywhere; an `await` / `for await`
 * outside every function. `topLevel`: no function encloses the node. Returns whether the node's
 * children are still at the top level. The walk is the caller's (syntax-facts.ts reads this and
 * more in one walk of the instrumenter's parse).
 */
export function noteModuleExpression(node: ts.Node, topLevel: boolean, found: ModuleExpressions): boolean {
  if (node.kind === ts.SyntaxKind.MetaProperty && (node as ts.MetaProperty).keywordToken === ts.SyntaxKind.ImportKeyword) found.importMeta = true;
  // An `await` with a missing operand is TypeScript's misreading of the identifier `await`
  // (`await instanceof F` in a script: await-identifier.ts), an error in a module anyway.
  if (topLevel && ((ts.isAwaitExpression(node) && !isMissing(node.expression)) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined))) found.topLevelAwait = true;
  // A class's field initializers and static blocks are function-like for `await`.
  return topLevel && !ts.isFunctionLike(node) && !ts.isClassStaticBlockDeclaration(node) && !ts.isPropertyDeclaration(node);
}

/** The module syntax of a file, from its statements and the module expressions found in it. */
export function moduleSyntaxFrom(sf: ts.SourceFile, found: ModuleExpressions): ModuleSyntax {
  return { module: sf.statements.some(isModuleStatement) || found.importMeta || found.topLevelAwait, topLevelAwait: found.topLevelAwait };
}

function moduleExpressions(sf: ts.SourceFile): ModuleExpressions {
  const found = { importMeta: false, topLevelAwait: false };
  const visit = (node: ts.Node, topLevel: boolean): void => {
    if (found.importMeta && found.topLevelAwait) return;
    const inner = noteModuleExpression(node, topLevel, found);
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(sf, true);
  return found;
}
