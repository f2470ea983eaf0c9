/**
 * The outer shape of a rewritten async function: what makes it *look* async to the program
 * (runtime/function-shape.ts does the runtime half through `$.fn` and `$.methods`).
 *
 * A real async function is not constructible and has no own `prototype`; a plain `function`
 * is and has one (non-configurable, so it cannot be deleted later). A *method* has neither, so
 * the rewritten outer function is a method taken out of an object literal:
 *
 *   async function f(a) { … }   →  var f = $.fn({ "f"(a) { return $.async(…) } }["f"], 0, "async function f(a) { … }");
 *                                   (hoisted to the top of its scope: a declaration's value exists before its line)
 *   async function (a) { … }    →  $.fn({ "n"(a) { … } }["n"], 0, "…")   (n: the name NamedEvaluation would give, else "")
 *   async (a) => …              →  $.fn({ "n": (a) => … }["n"], 0, "…")
 *   { async m() {} }, class { async m() {} }
 *                               →  methods stay methods; `$.methods(owner, rows)` shapes them after the
 *                                  object literal is made / in a static block first in the class body.
 *
 * The name inside the property key is how the function gets its `name` with no runtime fix-up:
 * a method's name is its key, and an anonymous arrow assigned to a property takes the key's name.
 */
import ts from './typescript';

/** The text `Function.prototype.toString` gives for the function: from `async` (or its name, for a method) to its end. */
export function functionSource(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  const end = node.getEnd();
  let start = node.getStart(sf);
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
  // `export default async function`, `static async m()`: V8's text starts at `async`.
  const asyncMod = mods.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (asyncMod) start = asyncMod.getStart(sf);
  return sf.text.slice(start, end);
}

/** A static key's string (`m`, `"a b"`, `1`), or undefined for computed / private names. */
export function staticKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isNumericLiteral(name)) return String(Number(name.text));
  return undefined;
}

/**
 * The name §8.4.5 NamedEvaluation gives an anonymous function at this position, when it is known
 * at compile time: `const n = …`, `n = …` (also `||=`, `&&=`, `??=`), `{ n: … }`, `n = …` as a
 * class field, a default in a binding pattern or parameter, `export default …`.
 */
export function namedEvaluationName(node: ts.Node, bindingsOnly = false): string | undefined {
  let child: ts.Node = node;
  let parent = node.parent;
  // Parentheses keep the name (`const f = (async () => {})`); type assertions vanish in the emit.
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isNonNullExpression(parent) || ts.isTypeAssertionExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const id = (n: ts.Node): string | undefined => (ts.isIdentifier(n) ? n.text : undefined);
  if (ts.isVariableDeclaration(parent) && parent.initializer === child) return id(parent.name);
  if ((ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.initializer === child) return id(parent.name);
  if (bindingsOnly) {
    // Only names that come from a binding, which the bundler may rename (not property keys).
    if (ts.isShorthandPropertyAssignment(parent) && parent.objectAssignmentInitializer === child) return parent.name.text;
    if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return id(parent.left);
    // `export default () => {}` is named "default"; the bundler declares it under a name after its file (`main_default`).
    if (ts.isExportAssignment(parent) && !parent.isExportEquals) return 'default';
    return undefined;
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === child) return staticKey(parent.name);
  if (ts.isShorthandPropertyAssignment(parent) && parent.objectAssignmentInitializer === child) return parent.name.text;
  if (ts.isPropertyDeclaration(parent) && parent.initializer === child) {
    if (ts.isPrivateIdentifier(parent.name)) return parent.name.text;
    return staticKey(parent.name);
  }
  if (ts.isBinaryExpression(parent) && parent.right === child) {
    const op = parent.operatorToken.kind;
    const K = ts.SyntaxKind;
    if (op === K.EqualsToken || op === K.BarBarEqualsToken || op === K.AmpersandAmpersandEqualsToken || op === K.QuestionQuestionEqualsToken) return id(parent.left);
  }
  if (ts.isExportAssignment(parent) && !parent.isExportEquals) return 'default';
  return undefined;
}

/** Whether the node has the modifier (`export`, `default`, `static`, `declare`, …). */
export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** Does `name` occur as an identifier anywhere in the node (a conservative "may refer to it")? */
export function mentions(node: ts.Node, name: string): boolean {
  let found = false;
  const walk = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    else ts.forEachChild(n, walk);
  };
  walk(node);
  return found;
}

/**
 * `{ "name": expr }["name"]`: the anonymous function or class `expr` gets `name` from a property
 * key. Used where it would get it from a binding: the bundler renames bindings that shadow
 * another module-level name (`fn` → `fn2`), and V8 names the function after the renamed one.
 */
export function namedByKey(f: ts.NodeFactory, name: string, expr: ts.Expression): ts.Expression {
  const holder = f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), expr)]));
  return f.createElementAccessExpression(holder, f.createStringLiteral(name));
}
