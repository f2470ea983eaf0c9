/**
 * Finds the async functions of a source file with the TypeScript parser (never a regular
 * expression: comments, strings and template literals would fool one). Imports only
 * `typescript`, not `vscode`, so it is unit-testable and cheap: one parse, no type checker,
 * no program. Used by the CodeLens provider, the command's "this function" choice, and to
 * match trace sites to functions.
 */
import * as ts from 'typescript';

export interface AsyncFunctionInfo {
  /** Display name: `count`, `Server.handle`, `handlers.onData`. */
  name: string;
  /** What the function is. */
  kind: 'function' | 'method' | 'arrow' | 'function-expression';
  /** 0-based line and offset where the lens goes (the start of the declaring statement, `export` included). */
  line: number;
  /** Offsets of the whole function (for "is the cursor inside it?"). */
  start: number;
  end: number;
  /** 0-based first and last line of the function. */
  startLine: number;
  endLine: number;
  /** Whether it declares parameters (then a run asks for arguments). */
  hasParams: boolean;
  /** Its parameters as written: name, type annotation (if any), optional / rest (the argument prompt shows them). */
  params: ParamInfo[];
  /**
   * The name under which the function can be the engine's entry (`RunOptions.entryFunction`):
   * only top-level named functions and `const` arrows/function expressions qualify.
   * Undefined for methods and nested functions.
   */
  entryName?: string;
  /** True when `entryName` is exported as is; false when it is top-level but not exported. */
  exported: boolean;
  /** The module's top level already calls it (`main();`, `void main()`, `main().catch(…)`). */
  calledAtTopLevel: boolean;
}

export interface ParamInfo {
  name: string;
  /** The annotation's source text (`string`, `number[]`), or undefined when there is none. */
  type?: string;
  optional: boolean;
  rest: boolean;
}

/** `name: string, times?: number`: how the prompt shows a function's parameters. */
export function formatParams(params: readonly ParamInfo[]): string {
  return params.map((p) => `${p.rest ? '...' : ''}${p.name}${p.optional ? '?' : ''}${p.type ? `: ${p.type}` : ''}`).join(', ');
}

/** A first guess at the argument array, one placeholder per required parameter, by its type. */
export function argumentTemplate(params: readonly ParamInfo[]): string {
  const guess = (p: ParamInfo): string => {
    const t = (p.type ?? '').trim();
    if (/^string\b|^['"`]/.test(t)) return '""';
    if (/^number\b|^bigint\b/.test(t)) return '0';
    if (/^boolean\b/.test(t)) return 'false';
    if (/\[\]$|^Array</.test(t)) return '[]';
    if (/^\{/.test(t)) return '{}';
    return 'undefined';
  };
  return `[${params.filter((p) => !p.optional && !p.rest).map(guess).join(', ')}]`;
}

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

function isAsync(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.AsyncKeyword);
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** Local name → exported name, from `export { a, b as c }` without a module specifier. */
function exportSpecifiers(sf: ts.SourceFile): Map<string, string> {
  const map = new Map<string, string>();
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause) && !st.isTypeOnly) {
      for (const el of st.exportClause.elements) {
        const local = (el.propertyName ?? el.name).getText(sf);
        if (!map.has(local)) map.set(local, el.name.getText(sf));
      }
    }
  }
  return map;
}

/** Names the top level calls as a statement: `main();`, `void main();`, `await main();`, `main().then(…).catch(…);`. */
function topLevelCalls(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const calleeName = (e: ts.Expression): string | undefined => {
    while (ts.isParenthesizedExpression(e) || ts.isVoidExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e)) return undefined;
    if (ts.isIdentifier(e.expression)) return e.expression.text;
    // main().catch(…): the call being chained on.
    if (ts.isPropertyAccessExpression(e.expression) && ['then', 'catch', 'finally'].includes(e.expression.name.text)) return calleeName(e.expression.expression);
    return undefined;
  };
  for (const st of sf.statements) {
    const name = ts.isExpressionStatement(st) ? calleeName(st.expression) : undefined;
    if (name) names.add(name);
  }
  return names;
}

/** Every async function, method and named async arrow, in source order. */
export function findAsyncFunctions(text: string, fileName: string, token?: Cancellation): AsyncFunctionInfo[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, /*setParentNodes*/ true, scriptKind(fileName));
  const exportsByLocal = exportSpecifiers(sf);
  const calledAtTop = topLevelCalls(sf);
  const found: AsyncFunctionInfo[] = [];
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;

  const add = (fn: ts.FunctionLikeDeclaration, name: string, kind: AsyncFunctionInfo['kind'], anchor: ts.Node, entry?: { local: string; exportedDirectly: boolean }) => {
    const start = fn.getStart(sf);
    let entryName: string | undefined;
    let exported = false;
    if (entry) {
      const viaSpecifier = exportsByLocal.get(entry.local);
      if (entry.exportedDirectly) {
        entryName = entry.local;
        exported = true;
      } else if (viaSpecifier !== undefined && viaSpecifier !== 'default') {
        entryName = viaSpecifier;
        exported = true;
      } else {
        entryName = entry.local;
      }
    }
    found.push({
      name,
      kind,
      line: lineOf(anchor.getStart(sf)),
      start,
      end: fn.end,
      startLine: lineOf(start),
      endLine: lineOf(fn.end),
      hasParams: fn.parameters.length > 0,
      params: fn.parameters.map((p) => ({
        name: p.name.getText(sf),
        type: p.type ? p.type.getText(sf) : undefined,
        optional: p.questionToken !== undefined || p.initializer !== undefined,
        rest: p.dotDotDotToken !== undefined,
      })),
      entryName,
      exported,
      calledAtTopLevel: entry !== undefined && calledAtTop.has(entry.local),
    });
  };

  /** The name of the class or object literal a member belongs to, for `Class.method`. */
  const ownerName = (member: ts.Node): string | undefined => {
    const owner = member.parent;
    if ((ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name) return owner.name.text;
    if (ts.isObjectLiteralExpression(owner) && ts.isVariableDeclaration(owner.parent) && ts.isIdentifier(owner.parent.name)) return owner.parent.name.text;
    return undefined;
  };
  const qualified = (member: ts.Node, name: string) => {
    const owner = ownerName(member);
    return owner ? `${owner}.${name}` : name;
  };

  let visited = 0;
  const visit = (node: ts.Node): void => {
    // Cancellation is checked every few hundred nodes: cheap, and a huge file stops quickly.
    if (++visited % 256 === 0 && token?.isCancellationRequested) return;
    const topLevel = node.parent === sf;

    if (ts.isFunctionDeclaration(node) && node.name && isAsync(node) && node.body) {
      const exportedDirectly = hasModifier(node, ts.SyntaxKind.ExportKeyword) && !hasModifier(node, ts.SyntaxKind.DefaultKeyword);
      add(node, node.name.text, 'function', node, topLevel ? { local: node.name.text, exportedDirectly } : undefined);
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer
      && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) && isAsync(node.initializer)) {
      const list = node.parent;
      const statement = ts.isVariableDeclarationList(list) ? list.parent : undefined;
      const isTop = statement !== undefined && ts.isVariableStatement(statement) && statement.parent === sf;
      const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
      const exportedDirectly = isTop && hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      add(node.initializer, node.name.text, ts.isArrowFunction(node.initializer) ? 'arrow' : 'function-expression',
        statement && ts.isVariableStatement(statement) ? statement : node,
        isTop && isConst ? { local: node.name.text, exportedDirectly } : undefined);
    } else if (ts.isMethodDeclaration(node) && isAsync(node) && node.body) {
      const name = propertyName(node.name);
      if (name !== undefined) add(node, qualified(node, name), 'method', node);
    } else if ((ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) && node.initializer
      && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) && isAsync(node.initializer)) {
      const name = propertyName(node.name);
      if (name !== undefined) add(node.initializer, qualified(node, name), ts.isArrowFunction(node.initializer) ? 'arrow' : 'function-expression', node);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return token?.isCancellationRequested ? [] : found;
}

/** The innermost async function containing `offset`, if any. */
export function asyncFunctionAt(functions: readonly AsyncFunctionInfo[], offset: number): AsyncFunctionInfo | undefined {
  let best: AsyncFunctionInfo | undefined;
  for (const fn of functions) {
    if (fn.start <= offset && offset <= fn.end && (!best || fn.end - fn.start < best.end - best.start)) best = fn;
  }
  return best;
}
