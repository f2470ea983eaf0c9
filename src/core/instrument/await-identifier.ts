/**
 * `await` as an identifier in a script (CommonJS) file: `var await = 1`, `function await() {}`,
 * `await = 1` in a plain function nested in an async one.
 *
 * Outside async functions and modules `await` is an ordinary identifier (V8 runs
 * `var await = 1; console.log(await)` as a CommonJS file). esbuild refuses it in every mode
 * ("Cannot use "await" as an identifier here"), so this pass renames the binding and its every
 * reference to `__at$await` (the `__at$` prefix is the instrumenter's own), keeping what a
 * program observes of the name:
 *
 *   { await }, { await = d } (object literal or pattern)  → the key stays `await`
 *   var { await } = o                                      → var { await: __at$await } = o
 *   function await() {}, class await {}                    → `name` is still 'await'
 *   var await = function () {}, await = () => {}, …        → the function's `name` is 'await'
 *
 * What still shows the new name: a message V8 builds from the reference's text (`await()` when it
 * is not a function: "__at$await is not a function"), a stack frame of `function await`, a direct
 * `eval('await')`, and a reference to a global `await` the file does not declare (a
 * ReferenceError). Only script files are renamed: in an ES module `await` is reserved.
 *
 * TypeScript's parser (6.0.3) also misreads a top-level `await` followed on the same line by a
 * keyword (`await instanceof F`, `await in o`) as an await expression with
 * a missing operand ("Expression expected"): `repairAwaitMisparse` replaces such an `await` in the
 * text by a placeholder name of the same length (positions unchanged), which this pass renames
 * too. It applies only when TypeScript reported errors, and the repaired text is used only if it
 * parses clean. Retire it when TypeScript reads `await` in a script as V8 does.
 */
import ts from './typescript';
import { isMissing } from './module-syntax';

export const RENAMED_AWAIT = '__at$await';

/** True if the identifier is a binding or a reference (not a property name, label…). */
function isBindingOrReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p)) return p.name !== id;
  if (ts.isQualifiedName(p)) return p.right !== id;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isEnumMember(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return true; // harmless, and esbuild refuses the label too
  if (ts.isJsxAttribute(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isMetaProperty(p)) return false;
  return true;
}

/** An anonymous function or class, which takes its `name` from the binding it is assigned to. */
function isAnonymousFunctionDefinition(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isArrowFunction(e) || ((ts.isFunctionExpression(e) || ts.isClassExpression(e)) && e.name === undefined);
}

function hasStaticName(node: ts.ClassLikeDeclaration): boolean {
  return node.members.some((m) => (ts.getModifiers(m as ts.HasModifiers) ?? []).some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword) && m.name !== undefined && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === 'name');
}

/**
 * @param placeholder the name `repairAwaitMisparse` put in the text for a misread `await`, if any.
 */
export function awaitIdentifierTransformer(isScript: boolean, placeholder?: string): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sf) => {
    const identifiers = (sf as ts.SourceFile & { identifiers?: ReadonlyMap<string, string> }).identifiers;
    if (!isScript || !(identifiers?.has('await') || (placeholder !== undefined && identifiers?.has(placeholder)))) return sf;
    const f = context.factory;
    const isAwaitName = (n: ts.Node | undefined): n is ts.Identifier => n !== undefined && ts.isIdentifier(n) && (n.text === 'await' || n.text === placeholder);
    const renamed = (at: ts.Node): ts.Identifier => ts.setTextRange(f.createIdentifier(RENAMED_AWAIT), at);
    // `({ await: <init> }).await`: the property definition gives the function its name, as the binding did.
    const named = (init: ts.Expression): ts.Expression =>
      f.createPropertyAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment('await', init)])), 'await');
    // `Object.defineProperty(__at$await, 'name', { value: 'await' })`: `name` is non-writable, configurable.
    const defineName = (): ts.Statement =>
      f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'defineProperty'), undefined, [
        f.createIdentifier(RENAMED_AWAIT), f.createStringLiteral('name'), f.createObjectLiteralExpression([f.createPropertyAssignment('value', f.createStringLiteral('await'))]),
      ]));

    /** A statement list: a hoisted `function await` gets its `name` where it is created (the list's start). */
    const visitStatements = (statements: ts.NodeArray<ts.Statement>): ts.NodeArray<ts.Statement> => {
      const visited = ts.visitNodes(statements, visit, ts.isStatement);
      const hoistedName = statements.some((s) => ts.isFunctionDeclaration(s) && isAwaitName(s.name));
      if (!hoistedName) return visited;
      const prologue = visited.findIndex((s) => !ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression));
      const at = prologue < 0 ? visited.length : prologue;
      return ts.setTextRange(f.createNodeArray([...visited.slice(0, at), defineName(), ...visited.slice(at)]), statements);
    };

    const visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
      if (ts.isIdentifier(node)) return isAwaitName(node) && isBindingOrReference(node) && !awaitIsReserved(node) ? renamed(node) : node;
      if (ts.isShorthandPropertyAssignment(node) && isAwaitName(node.name)) {
        const init = node.objectAssignmentInitializer && ts.visitNode(node.objectAssignmentInitializer, visit, ts.isExpression);
        const target = renamed(node.name);
        return ts.setTextRange(f.createPropertyAssignment('await', init ? f.createAssignment(target, isAnonymousFunctionDefinition(node.objectAssignmentInitializer!) ? named(init) : init) : target), node);
      }
      if (ts.isBindingElement(node) && isAwaitName(node.name)) {
        const init = node.initializer && ts.visitNode(node.initializer, visit, ts.isExpression);
        const inBinding = !node.propertyName && ts.isObjectBindingPattern(node.parent);
        return f.updateBindingElement(node, node.dotDotDotToken, inBinding ? f.createIdentifier('await') : ts.visitNode(node.propertyName, visit, ts.isPropertyName), renamed(node.name), init && isAnonymousFunctionDefinition(node.initializer!) ? named(init) : init);
      }
      if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && isAwaitName(node.name) && node.initializer && isAnonymousFunctionDefinition(node.initializer)) {
        const updated = ts.visitEachChild(node, visit, context);
        const init = named(updated.initializer!);
        return ts.isVariableDeclaration(updated)
          ? f.updateVariableDeclaration(updated, updated.name, updated.exclamationToken, updated.type, init)
          : f.updateParameterDeclaration(updated, updated.modifiers, updated.dotDotDotToken, updated.name, updated.questionToken, updated.type, init);
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isAwaitName(node.left) && isAnonymousFunctionDefinition(node.right)) {
        return f.updateBinaryExpression(node, renamed(node.left), node.operatorToken, named(ts.visitNode(node.right, visit, ts.isExpression)));
      }
      if (ts.isClassDeclaration(node) && isAwaitName(node.name) && !hasStaticName(node)) {
        return [ts.visitEachChild(node, visit, context), defineName()];
      }
      if (ts.isSourceFile(node)) return f.updateSourceFile(node, visitStatements(node.statements));
      if (ts.isBlock(node)) return f.updateBlock(node, visitStatements(node.statements));
      if (ts.isModuleBlock(node)) return f.updateModuleBlock(node, visitStatements(node.statements));
      if (ts.isCaseClause(node)) return f.updateCaseClause(node, ts.visitNode(node.expression, visit, ts.isExpression)!, visitStatements(node.statements));
      if (ts.isDefaultClause(node)) return f.updateDefaultClause(node, visitStatements(node.statements));
      return ts.visitEachChild(node, visit, context);
    };
    return visit(sf) as ts.SourceFile;
  };
}

/**
 * Is `await` reserved where the identifier stands (an early error V8 reports): in an async
 * function or a class static block, not crossing a function boundary. There it is left as it
 * is, and esbuild reports the SyntaxError (a target newer than the host V8 skips V8's check:
 * `class C { static { using await = null; } }` on Node 24+).
 */
function awaitIsReserved(id: ts.Identifier): boolean {
  return inAsyncFunction(id) || inStaticBlock(id);
}

function inStaticBlock(node: ts.Node): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isClassStaticBlockDeclaration(n)) return true;
  }
  return false;
}

/** Is the node inside an async function (where `await` is the operator)? */
function inAsyncFunction(node: ts.Node): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) {
    // An async function declaration's own name is bound outside it (`async function await() {}`).
    if (ts.isFunctionDeclaration(n) && n.name === node) continue;
    if (ts.isFunctionLike(n)) return (ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
    if (ts.isClassStaticBlockDeclaration(n)) return false;
  }
  return false;
}

/** A 5-character name the text does not contain, for `repairAwaitMisparse`. */
function placeholderFor(text: string): string {
  for (let i = 0; ; i++) {
    const name = `$aw${i.toString(36).padStart(2, '0')}`;
    if (!text.includes(name)) return name;
  }
}

/**
 * The text with each `await` that TypeScript misread as an await expression with a missing
 * operand (outside async functions) replaced by a same-length placeholder; undefined if none.
 */
export function repairAwaitMisparse(text: string, fileName: string): { text: string; placeholder: string } | undefined {
  if (!text.includes('await')) return undefined;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ESNext, true, /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const starts: number[] = [];
  const walk = (n: ts.Node): void => {
    if (ts.isAwaitExpression(n) && isMissing(n.expression) && !inAsyncFunction(n)) starts.push(n.getStart(sf));
    n.forEachChild(walk);
  };
  walk(sf);
  if (starts.length === 0) return undefined;
  const placeholder = placeholderFor(text);
  let out = text;
  for (const s of starts) if (out.slice(s, s + 5) === 'await') out = out.slice(0, s) + placeholder + out.slice(s + 5);
  return { text: out, placeholder };
}
