/**
 * Top-level await in an ES module: the module body becomes one coroutine,
 * `$.async(function* () { … }, undefined, [], S)`, whose promise the runtime treats as the
 * module's evaluation.
 *
 * Bindings must stay module-scoped (exports, hoisted functions and other modules see them),
 * so only the *statements* move into the generator, the *declarations* stay outside:
 *   import / export {…} / export * / function declarations / types / enums  → kept at top level
 *   [export] const|let|var x = e              → `[export] let|var x;`  outside, `x = e;` inside
 *   [export] class C { … }                    → `[export] let C;`      outside, `C = class C { … };` inside
 *   export default e                          → `let d; export { d as default };` outside, `d = e;` inside
 *   export default class { … }                → the same, named "default" (`d = { "default": class { … } }["default"];`)
 *   anything else                             → inside
 * (`const` becomes `let`: its single assignment happens later than its declaration.)
 */
import ts from './typescript';
import { hasModifier, namedByKey } from './async-shape';


function exportModifiers(f: ts.NodeFactory, node: ts.Node): ts.Modifier[] | undefined {
  return hasModifier(node, ts.SyntaxKind.ExportKeyword) ? [f.createModifier(ts.SyntaxKind.ExportKeyword)] : undefined;
}

/** The identifiers a binding pattern declares. */
function boundNames(name: ts.BindingName, out: ts.Identifier[] = []): ts.Identifier[] {
  if (ts.isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) boundNames(el.name, out);
  return out;
}

/** A binding pattern turned into the equivalent assignment target (`{a, b: [c]}` → `{a, b: [c]}` as an expression). */
function patternToTarget(f: ts.NodeFactory, name: ts.BindingName): ts.Expression {
  if (ts.isIdentifier(name)) return name;
  if (ts.isObjectBindingPattern(name)) {
    return f.createObjectLiteralExpression(
      name.elements.map((el) => {
        const target = el.initializer ? f.createAssignment(patternToTarget(f, el.name), el.initializer) : patternToTarget(f, el.name);
        if (el.dotDotDotToken) return f.createSpreadAssignment(target);
        if (!el.propertyName && ts.isIdentifier(el.name)) {
          return el.initializer ? f.createShorthandPropertyAssignment(el.name, el.initializer) : f.createShorthandPropertyAssignment(el.name);
        }
        return f.createPropertyAssignment(el.propertyName ?? (el.name as ts.Identifier), target);
      }),
    );
  }
  return f.createArrayLiteralExpression(
    name.elements.map((el) => {
      if (ts.isOmittedExpression(el)) return f.createOmittedExpression();
      const target = el.initializer ? f.createAssignment(patternToTarget(f, el.name), el.initializer) : patternToTarget(f, el.name);
      return el.dotDotDotToken ? f.createSpreadElement(target) : target;
    }),
  );
}

/** Statements that stay at module level untouched. */
function staysOutside(s: ts.Statement): boolean {
  return (
    ts.isImportDeclaration(s) ||
    ts.isImportEqualsDeclaration(s) ||
    ts.isExportDeclaration(s) ||
    ts.isFunctionDeclaration(s) ||
    ts.isInterfaceDeclaration(s) ||
    ts.isTypeAliasDeclaration(s) ||
    ts.isEnumDeclaration(s) ||
    ts.isModuleDeclaration(s) ||
    hasModifier(s, ts.SyntaxKind.DeclareKeyword)
  );
}

export function wrapTopLevelAwait(
  f: ts.NodeFactory,
  statements: readonly ts.Statement[],
  makeCall: (generator: ts.FunctionExpression) => ts.Expression,
): ts.Statement[] {
  const outside: ts.Statement[] = [];
  const inside: ts.Statement[] = [];
  for (const s of statements) {
    if (staysOutside(s)) {
      outside.push(s);
    } else if (ts.isVariableStatement(s)) {
      const list = s.declarationList;
      const isVar = !(list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let));
      const names = list.declarations.flatMap((d) => boundNames(d.name));
      outside.push(
        f.createVariableStatement(
          exportModifiers(f, s),
          f.createVariableDeclarationList(
            names.map((n) => f.createVariableDeclaration(n.text)),
            isVar ? ts.NodeFlags.None : ts.NodeFlags.Let,
          ),
        ),
      );
      for (const d of list.declarations) {
        if (d.initializer) inside.push(f.createExpressionStatement(f.createAssignment(patternToTarget(f, d.name), d.initializer)));
      }
    } else if (ts.isClassDeclaration(s) && s.name) {
      const isDefault = hasModifier(s, ts.SyntaxKind.DefaultKeyword);
      outside.push(f.createVariableStatement(isDefault ? undefined : exportModifiers(f, s), f.createVariableDeclarationList([f.createVariableDeclaration(s.name.text)], ts.NodeFlags.Let)));
      if (isDefault) outside.push(f.createExportDeclaration(undefined, false, f.createNamedExports([f.createExportSpecifier(false, s.name.text, 'default')])));
      const expr = f.createClassExpression(
        ts.getDecorators(s),
        s.name,
        s.typeParameters,
        s.heritageClauses,
        s.members,
      );
      inside.push(f.createExpressionStatement(f.createAssignment(f.createIdentifier(s.name.text), expr)));
    } else if (ts.isClassDeclaration(s) && hasModifier(s, ts.SyntaxKind.DefaultKeyword)) {
      // `export default class { … }`: its name is "default" (`d = { "default": class { … } }["default"]`).
      const d = f.createUniqueName('__at$default');
      outside.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(d)], ts.NodeFlags.Let)));
      outside.push(f.createExportDeclaration(undefined, false, f.createNamedExports([f.createExportSpecifier(false, d, 'default')])));
      const expr = f.createClassExpression(
        ts.getDecorators(s),
        undefined,
        s.typeParameters,
        s.heritageClauses,
        s.members,
      );
      inside.push(f.createExpressionStatement(f.createAssignment(d, namedByKey(f, 'default', expr))));
    } else if (ts.isExportAssignment(s) && !s.isExportEquals) {
      const d = f.createUniqueName('__at$default');
      outside.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(d)], ts.NodeFlags.Let)));
      outside.push(f.createExportDeclaration(undefined, false, f.createNamedExports([f.createExportSpecifier(false, d, 'default')])));
      inside.push(f.createExpressionStatement(f.createAssignment(d, s.expression)));
    } else {
      inside.push(s);
    }
  }
  const generator = f.createFunctionExpression(undefined, f.createToken(ts.SyntaxKind.AsteriskToken), undefined, undefined, [], undefined, f.createBlock(inside, true));
  return [...outside, f.createExpressionStatement(makeCall(generator))];
}
