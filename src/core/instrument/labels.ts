/**
 * Human-readable labels for sites: what a reader of the timeline sees next to an await
 * (`sleep(1000)`, `Promise.all [3]`) and as a task's name (`count`, `Server.handle`,
 * `<anonymous> chat.ts:12`). Pure functions of the original syntax tree.
 */
import ts from './typescript';

/** Longest label kept verbatim; longer ones are shortened so lanes stay readable. */
const MAX_LABEL = 40;

/** The node's source text on one line (comments and line breaks collapsed). */
function oneLine(node: ts.Node, sf: ts.SourceFile): string {
  return node.getText(sf).replace(/\s+/g, ' ').trim();
}

function shorten(text: string): string {
  return text.length <= MAX_LABEL ? text : text.slice(0, MAX_LABEL - 1) + '…';
}

/**
 * Label of an awaited (or yielded) expression. Calls keep their callee and, when short,
 * their arguments; a combinator over an array literal shows the array's size, because
 * `Promise.all([count(), count(), count()])` reads best as `Promise.all [3]`.
 */
export function expressionLabel(expr: ts.Expression | undefined, sf: ts.SourceFile): string {
  if (!expr) return 'undefined';
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) || ts.isSatisfiesExpression(expr)) {
    expr = expr.expression;
  }
  if (ts.isCallExpression(expr) || ts.isNewExpression(expr)) {
    const callee = oneLine(expr.expression, sf);
    const args = expr.arguments ?? ts.factory.createNodeArray();
    const prefix = ts.isNewExpression(expr) ? 'new ' : '';
    if (args.length === 1 && ts.isArrayLiteralExpression(args[0])) {
      return shorten(`${prefix}${callee} [${args[0].elements.length}]`);
    }
    const full = oneLine(expr, sf);
    if (full.length <= MAX_LABEL) return full;
    return shorten(`${prefix}${callee}(${args.length ? '…' : ''})`);
  }
  return shorten(oneLine(expr, sf));
}

/** `file.ts:12` for anonymous functions: the base name keeps labels short. */
export function anonymousName(node: ts.Node, sf: ts.SourceFile): string {
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const base = sf.fileName.split(/[\\/]/).pop() ?? sf.fileName;
  return `<anonymous> ${base}:${line + 1}`;
}

function propertyNameText(name: ts.PropertyName | ts.BindingName, sf: ts.SourceFile): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return `[${oneLine(name.expression, sf)}]`;
  return undefined;
}

function className(cls: ts.ClassLikeDeclaration, sf: ts.SourceFile): string {
  if (cls.name) return cls.name.text;
  const holder = nameFromContext(cls, sf);
  return holder ?? '<class>';
}

/** A name given to an anonymous function or class by where it stands (`const f = …`, `o.x = …`, `{ k: … }`). */
function nameFromContext(node: ts.Node, sf: ts.SourceFile): string | undefined {
  let child: ts.Node = node;
  let parent = node.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === child) return propertyNameText(parent.name, sf);
  if (ts.isPropertyDeclaration(parent) && parent.initializer === child && ts.isClassLike(parent.parent)) {
    const member = propertyNameText(parent.name, sf);
    if (member !== undefined) return `${className(parent.parent, sf)}.${member}`;
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === child) {
    const key = propertyNameText(parent.name, sf);
    const owner = ts.isObjectLiteralExpression(parent.parent) ? nameFromContext(parent.parent, sf) : undefined;
    return key === undefined ? undefined : owner ? `${owner}.${key}` : key;
  }
  if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return shorten(oneLine(parent.left, sf));
  }
  if (ts.isExportAssignment(parent)) return 'default';
  return undefined;
}

/** The task name of a function-like node, as the timeline shows it. */
export function functionName(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (ts.isMethodDeclaration(node)) {
    const member = propertyNameText(node.name, sf) ?? '<method>';
    if (ts.isClassLike(node.parent)) return `${className(node.parent, sf)}.${member}`;
    if (ts.isObjectLiteralExpression(node.parent)) {
      const owner = nameFromContext(node.parent, sf);
      return owner ? `${owner}.${member}` : member;
    }
    return member;
  }
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.text;
  return nameFromContext(node, sf) ?? anonymousName(node, sf);
}

/** 1-based line and column of a node's first token in the original source. */
export function position(node: ts.Node, sf: ts.SourceFile): [line: number, column: number] {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return [line + 1, character + 1];
}

/** The head of a loop (`while (x < 3)`, `for (const k in o)`), as a label for its probe. */
export function loopLabel(node: ts.IterationStatement, sf: ts.SourceFile): string {
  if (ts.isDoStatement(node)) return shorten(`do … while (${oneLine(node.expression, sf)})`);
  const head = sf.text.slice(node.getStart(sf), node.statement.getStart(sf)).replace(/\s+/g, ' ').trim();
  return shorten(head);
}
