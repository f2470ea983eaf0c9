/**
 * The names of a file's top-level functions and classes, kept through the bundler.
 *
 * esbuild gives a bundle one scope of top-level names, and a function's or class's `name` is the
 * name it is declared with in the bundle:
 * - a second file's `function helper` is declared `helper2`, its `class Thing` `Thing2`;
 * - a top-level class that names itself inside its body (`static create() { return new Repo() }`)
 *   becomes `var Repo = class _Repo { … }` (esbuild turns top-level classes into `var`s when it
 *   bundles, and the class's own binding gets a name of its own).
 * A program sees those names: `Repo.name`, `console.log(new Repo())` printing `_Repo {}`, stack
 * frames `at _Repo.create`. So each top-level function declaration gets its written name back in
 * one call at the top of the statement list (declarations are hoisted: they exist before it runs),
 * and each top-level class in a first `static {}` block (before any other static code of it runs).
 * An anonymous default function or class declaration is named "default" as in Node (the bundler
 * names it after the file, `main_default`); `export default () => {}` is the transformer's
 * (async-shape.ts namedEvaluationName, as other names a binding gives).
 * The runtime's `keepName` changes nothing where the name is already right, nor a `name` the class
 * defines itself (a static `name()` method or accessor).
 */
import ts from './typescript';
import { INSTRUMENTATION_GLOBAL } from '../runtime/instrumentation-api';
import { hasModifier } from './async-shape';

function api(f: ts.NodeFactory, name: string, args: ts.Expression[]): ts.ExpressionStatement {
  return f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(INSTRUMENTATION_GLOBAL), name), undefined, args));
}

/** `statements` (a file's top level, instrumented) with the names of its functions and classes kept. */
export function keepTopLevelNames(f: ts.NodeFactory, statements: readonly ts.Statement[]): ts.Statement[] {
  const functionNames: ts.Expression[] = [];
  const out = statements.map((statement) => {
    // Names of ours (`__at$await` for `function await`) are named by the pass that made them.
    if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword) || (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text.startsWith('__at$')) return statement;
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(statement) && statement.body && (statement.name || isDefault)) {
      // `export default function () {}` is named "default"; the bundler would name it after the
      // file (`main_default`): it is declared under a name of ours, whose `name` becomes "default".
      const name = statement.name ?? f.createUniqueName('__at$default');
      functionNames.push(name, f.createStringLiteral(statement.name?.text ?? 'default'));
      if (statement.name) return statement;
      return f.updateFunctionDeclaration(statement, statement.modifiers, statement.asteriskToken, name, statement.typeParameters, statement.parameters, statement.type, statement.body);
    }
    if (ts.isClassDeclaration(statement) && (statement.name || isDefault)) {
      const keep = f.createClassStaticBlockDeclaration(f.createBlock([api(f, 'keepName', [f.createThis(), f.createStringLiteral(statement.name?.text ?? 'default')])]));
      return f.updateClassDeclaration(statement, statement.modifiers, statement.name, statement.typeParameters, statement.heritageClauses, [keep, ...statement.members]);
    }
    return statement;
  });
  if (functionNames.length === 0) return out;
  // After the directive prologue ("use strict" must stay first) and the imports.
  let i = 0;
  while (i < out.length && ((ts.isExpressionStatement(out[i]) && ts.isStringLiteral((out[i] as ts.ExpressionStatement).expression)) || ts.isImportDeclaration(out[i]) || ts.isImportEqualsDeclaration(out[i]))) i++;
  return [...out.slice(0, i), api(f, 'keepNames', functionNames), ...out.slice(i)];
}
