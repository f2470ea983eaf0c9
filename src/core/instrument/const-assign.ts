/**
 * Assignments to `const` (and `using` / `await using`) bindings, made runtime errors again.
 *
 * V8 compiles `const c = 1; … c = 2;` and throws `TypeError: Assignment to constant variable.`
 * when the assignment runs (§9.1.1.1.5 SetMutableBinding: a ReferenceError first if the binding
 * is still in its TDZ). esbuild refuses to *bundle* such a file ("Cannot assign to "c" because
 * it is a constant"), so a program that assigns to a constant in a branch it never takes, or
 * that catches the TypeError (test262's `dstr-array-elem-put-const`, `using-invalid-assignment-*`),
 * would not run at all.
 *
 * This pass rewrites each assignment target that resolves to such a binding into a reference
 * that behaves the same and that esbuild accepts:
 *
 *   c = v          →  __asyncTimeline$.constTarget(() => c).v = v
 *   c += v, c++    →  the same target: its getter reads `c` (the TDZ check and the old value)
 *   [c] = xs, { k: c } = o, { c = 1 } = o, for (c of xs), for ([c] of xs) …
 *                  →  the same target inside the pattern
 *
 * The target's setter reads the binding (a ReferenceError in its TDZ, as V8) and throws the
 * TypeError. The order of evaluation is kept: an identifier reference has no effects, and the
 * member reference that replaces it evaluates nothing observable before the value is put.
 *
 * Bindings are resolved with the binder's scopes (`locals` of each container), which
 * `ts.transpileModule` computes for its emit. Class names inside their class, named function
 * expressions' own names and imports are immutable too but stay as they are (esbuild rejects
 * only the last; the others it leaves to V8). Inside `with` nothing is rewritten.
 */
import ts from './typescript';
import { INSTRUMENTATION_GLOBAL } from '../runtime/instrumentation-api';

/** The binder's scope table of a container node (internal to TypeScript, stable since 2.x). */
type WithLocals = ts.Node & { locals?: Map<ts.__String, ts.Symbol> };

function isConstBinding(id: ts.Identifier): boolean {
  for (let n: ts.Node | undefined = id.parent; n !== undefined; n = n.parent) {
    if (ts.isWithStatement(n)) return false;
    const symbol = (n as WithLocals).locals?.get(ts.escapeLeadingUnderscores(id.text));
    if (symbol === undefined) continue;
    if ((symbol.flags & ts.SymbolFlags.BlockScopedVariable) === 0 || symbol.valueDeclaration === undefined) return false;
    const kind = ts.getCombinedNodeFlags(symbol.valueDeclaration) & ts.NodeFlags.BlockScoped;
    return kind === ts.NodeFlags.Const || kind === ts.NodeFlags.Using || kind === ts.NodeFlags.AwaitUsing;
  }
  return false;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** Quick filter: only files with a `const`/`using` declaration. */
export function mayAssignConst(text: string): boolean {
  return /\b(const|using)\b/.test(text);
}

/** Some identifier in the subtree names a constant binding (a superset of the targets `visit` rewrites). */
function mentionsConstant(node: ts.Node): boolean {
  if (ts.isIdentifier(node)) return isConstBinding(node);
  return ts.forEachChild(node, mentionsConstant) === true;
}

/**
 * Whether this node is one the pass may rewrite: an assignment, `++`/`--`, or a `for (… in/of`
 * head whose target mentions a constant. Checked by syntax-facts.ts in its one walk of the file,
 * so a file without such a node (almost every file) skips the pass's own walk. It may say yes
 * where the pass then changes nothing (a property key named like a constant); never no where the
 * pass would change something.
 */
export function mayAssignConstantAt(node: ts.Node): boolean {
  if (ts.isBinaryExpression(node)) return isAssignmentOperator(node.operatorToken.kind) && mentionsConstant(node.left);
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    return (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && mentionsConstant(node.operand);
  }
  if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return !ts.isVariableDeclarationList(node.initializer) && mentionsConstant(node.initializer);
  return false;
}

/** `hasWork`: false when a walk of the file found no node the pass rewrites (mayAssignConstantAt). */
export function constAssignTransformer(hasWork: () => boolean = () => true): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sf) => {
    if (!mayAssignConst(sf.text) || !hasWork()) return sf;
    const f = context.factory;
    let changed = false;

    const target = (id: ts.Identifier): ts.PropertyAccessExpression => {
      changed = true;
      const read = f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createIdentifier(id.text));
      const call = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(INSTRUMENTATION_GLOBAL), 'constTarget'), undefined, [read]);
      return ts.setTextRange(f.createPropertyAccessExpression(call, 'v'), id);
    };

    /** An assignment target (simple or a pattern): constant names replaced. */
    const visitTarget = (node: ts.Expression): ts.Expression => {
      if (ts.isIdentifier(node)) return isConstBinding(node) ? target(node) : node;
      if (ts.isParenthesizedExpression(node)) return f.updateParenthesizedExpression(node, visitTarget(node.expression));
      if (ts.isArrayLiteralExpression(node)) {
        return f.updateArrayLiteralExpression(node, node.elements.map((e) => {
          if (ts.isSpreadElement(e)) return f.updateSpreadElement(e, visitTarget(e.expression));
          if (ts.isOmittedExpression(e)) return e;
          return visitTarget(e);
        }));
      }
      if (ts.isObjectLiteralExpression(node)) {
        return f.updateObjectLiteralExpression(node, node.properties.map((p) => {
          if (ts.isPropertyAssignment(p)) return f.updatePropertyAssignment(p, ts.visitNode(p.name, visit) as ts.PropertyName, visitTarget(p.initializer));
          if (ts.isShorthandPropertyAssignment(p)) {
            const init = p.objectAssignmentInitializer && (ts.visitNode(p.objectAssignmentInitializer, visit) as ts.Expression);
            if (!isConstBinding(p.name)) return init === p.objectAssignmentInitializer ? p : f.updateShorthandPropertyAssignment(p, p.name, init);
            const t = target(p.name);
            return f.createPropertyAssignment(f.createIdentifier(p.name.text), init ? f.createAssignment(t, init) : t);
          }
          if (ts.isSpreadAssignment(p)) return f.updateSpreadAssignment(p, visitTarget(p.expression));
          return p;
        }));
      }
      // `[c = d] = xs`: a default inside a pattern.
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        return f.updateBinaryExpression(node, visitTarget(node.left), node.operatorToken, ts.visitNode(node.right, visit) as ts.Expression);
      }
      return ts.visitNode(node, visit) as ts.Expression;
    };

    const visit = (node: ts.Node): ts.Node => {
      if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
        const left = node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? visitTarget(node.left) : ts.isIdentifier(node.left) && isConstBinding(node.left) ? target(node.left) : ts.visitNode(node.left, visit) as ts.Expression;
        return f.updateBinaryExpression(node, left, node.operatorToken, ts.visitNode(node.right, visit) as ts.Expression);
      }
      if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
        let operand: ts.Expression = node.operand;
        while (ts.isParenthesizedExpression(operand)) operand = operand.expression;
        if (ts.isIdentifier(operand) && isConstBinding(operand)) {
          return ts.isPrefixUnaryExpression(node) ? f.updatePrefixUnaryExpression(node, target(operand)) : f.updatePostfixUnaryExpression(node, target(operand));
        }
      }
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
        const initializer = visitTarget(node.initializer);
        const expression = ts.visitNode(node.expression, visit) as ts.Expression;
        const statement = ts.visitNode(node.statement, visit) as ts.Statement;
        return ts.isForOfStatement(node)
          ? f.updateForOfStatement(node, node.awaitModifier, initializer, expression, statement)
          : f.updateForInStatement(node, initializer, expression, statement);
      }
      return ts.visitEachChild(node, visit, context);
    };

    const out = ts.visitEachChild(sf, visit, context);
    return changed ? out : sf;
  };
}
