/**
 * `using` and `await using` declarations (Node 24+), lowered before the async rewrite
 * (transform.ts) because the host V8 that runs the sandbox (Node 20 for the CLI, VS Code's
 * Node 22) cannot parse them. A scope holding such declarations becomes
 *
 *   const env = __asyncTimeline$.usingScope();
 *   try { …; const x = __asyncTimeline$.using(env, init, isAwait); … }
 *   catch (e) { __asyncTimeline$.usingThrew(env, e); }
 *   finally { __asyncTimeline$.disposeScope(env); }               // only `using`
 *   finally {                                                      // any `await using`
 *     for (let r = __asyncTimeline$.disposeScopeAsync(env).next(); !r.done;) { …await r.value… }
 *   }
 *
 * The runtime (runtime/modern/disposal.ts) does AddDisposableResource and DisposeResources;
 * every Await of DisposeResources is an `await` written here, in the user's own async function,
 * which transform.ts then rewrites like any other — so the disposal order, the SuppressedError
 * chaining and the ticks are the spec's (an `await using` of null still awaits once).
 *
 * For a target whose Node lacks the syntax (20, 22), the first declaration is that Node's
 * SyntaxError at its place instead.
 */
import ts from './typescript';
import { INSTRUMENTATION_GLOBAL } from '../runtime/instrumentation-api';
import { hasFeature } from '../versions/features';
import type { NodeMajor } from '../versions/targets';

export interface UsingDiagnostic {
  /** 0-based offset in the file's text. */
  pos: number;
  message: string;
}

function usingKind(list: ts.VariableDeclarationList): 'using' | 'await using' | undefined {
  const scoped = list.flags & ts.NodeFlags.BlockScoped;
  if (scoped === ts.NodeFlags.AwaitUsing) return 'await using';
  if (scoped === ts.NodeFlags.Using) return 'using';
  return undefined;
}

function isUsingStatement(s: ts.Node): s is ts.VariableStatement {
  return ts.isVariableStatement(s) && usingKind(s.declarationList) !== undefined;
}

/** The declaration list of a `for (using …` / `for (await using …` head, if it is one. */
function usingHead(node: ts.Node): ts.VariableDeclarationList | undefined {
  if ((ts.isForOfStatement(node) || ts.isForStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    return usingKind(node.initializer) ? node.initializer : undefined;
  }
  return undefined;
}

/** The nearest enclosing function (or class static block), if any. */
function enclosingFunction(node: ts.Node): ts.Node | undefined {
  return ts.findAncestor(node.parent, (p) => ts.isFunctionLike(p) || ts.isClassStaticBlockDeclaration(p));
}

function insideAsyncFunction(node: ts.Node): boolean {
  const fn = enclosingFunction(node);
  return !!fn && ts.isFunctionLike(fn) && (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/** Node 20/22's SyntaxError for the first `using` declaration of the file, if any. */
function refusal(sf: ts.SourceFile, isModule: boolean): UsingDiagnostic | undefined {
  let found: UsingDiagnostic | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const list = ts.isVariableStatement(node) ? node.declarationList : usingHead(node);
    const kind = list && usingKind(list);
    if (list && kind) {
      const atTop = enclosingFunction(list) === undefined;
      if (kind === 'await using' && !insideAsyncFunction(list) && !(atTop && isModule)) {
        found = { pos: list.getStart(sf), message: 'await is only valid in async functions and the top level bodies of modules' };
      } else {
        const name = list.declarations[0]?.name;
        found = { pos: (name ?? list).getStart(sf), message: `Unexpected identifier '${name ? name.getText(sf) : 'using'}'` };
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Gives every synthesized node under `node` the place of the code it stands for: transform.ts
 * reads positions (sites, loop probes) of the nodes it rewrites, and the source map maps them.
 */
function anchor<T extends ts.Node>(node: T, range: ts.TextRange): T {
  const visit = (n: ts.Node): void => {
    if (n.pos < 0) ts.setTextRange(n, { pos: range.pos, end: range.end });
    ts.forEachChild(n, visit);
  };
  visit(node);
  return node;
}

/**
 * Sets `parent` on the nodes this pass made (transform.ts walks up from a function to name it).
 * Original nodes keep theirs: it is the original parent, whose text is the same.
 */
function withParents(sf: ts.SourceFile): ts.SourceFile {
  const visit = (n: ts.Node, parent: ts.Node): void => {
    if (n.parent === undefined) (n as { parent: ts.Node }).parent = parent;
    ts.forEachChild(n, (c) => visit(c, n));
  };
  ts.forEachChild(sf, (c) => visit(c, sf));
  return sf;
}

/**
 * The early errors V8 reports for `using` declarations the lowering would otherwise accept
 * (messages and places of Node 24/26).
 */
function earlyError(sf: ts.SourceFile, options: { fileName: string }): UsingDiagnostic | undefined {
  let found: UsingDiagnostic | undefined;
  const scriptOnly = /\.c[jt]s$/.test(options.fileName);
  const visit = (node: ts.Node): void => {
    if (found) return;
    const list = ts.isVariableStatement(node) ? node.declarationList : usingHead(node) ?? (ts.isForInStatement(node) && node.initializer && ts.isVariableDeclarationList(node.initializer) ? node.initializer : undefined);
    const kind = list && usingKind(list);
    if (list && kind) {
      const inHead = !ts.isVariableStatement(node);
      const first = list.declarations[0];
      if (ts.isForInStatement(node)) {
        const inPos = sf.text.indexOf('in', list.end);
        found = { pos: inPos, message: "Invalid 'using' in for-in loop" };
      } else if (ts.isForOfStatement(node) && list.declarations.some((d) => d.initializer !== undefined)) {
        // `for (using x = o of xs)`: a ForDeclaration takes no initializer (V8 marks `x = o`).
        found = { pos: list.declarations.find((d) => d.initializer !== undefined)!.getStart(sf), message: `${node.awaitModifier ? 'for-await-of' : 'for-of'} loop variable declaration may not have an initializer.` };
      } else if (first && !ts.isIdentifier(first.name)) {
        found = { pos: first.name.getStart(sf), message: `Unexpected token '${ts.isObjectBindingPattern(first.name) ? '{' : '['}'` };
      } else if (list.declarations.slice(1).some((d) => !ts.isIdentifier(d.name))) {
        found = { pos: list.declarations.slice(1).find((d) => !ts.isIdentifier(d.name))!.name.getStart(sf), message: 'Missing initializer in using declaration' };
      } else if (!inHead && list.declarations.some((d) => d.initializer === undefined)) {
        found = { pos: list.declarations.find((d) => d.initializer === undefined)!.name.getEnd(), message: 'Missing initializer in using declaration' };
      } else if (ts.isVariableStatement(node) && node.parent && (ts.isCaseClause(node.parent) || ts.isDefaultClause(node.parent))) {
        found = { pos: first.name.getStart(sf), message: `Unexpected identifier '${first.name.getText(sf)}'` };
      } else if (kind === 'await using' && !insideAsyncFunction(list) && (enclosingFunction(list) !== undefined || scriptOnly)) {
        found = { pos: list.getStart(sf), message: 'await is only valid in async functions and the top level bodies of modules' };
      }
      if (found) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export interface UsingOptions {
  nodeMajor?: NodeMajor;
  /** The file is an ES module (`await using` at its top level is allowed). */
  isModule: boolean;
  /** The file's name (`.cjs`/`.cts`: a script, whatever its syntax). */
  fileName: string;
  onDiagnostic(d: UsingDiagnostic): void;
}

export function usingTransformer(options: UsingOptions): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sf) => {
    if (!/\busing\b/.test(sf.text)) return sf;
    if (!hasFeature(options.nodeMajor, 'using declarations')) {
      const d = refusal(sf, options.isModule);
      if (d) options.onDiagnostic(d);
      return sf;
    }
    const early = earlyError(sf, options);
    if (early) {
      options.onDiagnostic(early);
      return sf;
    }
    const f = context.factory;
    let counter = 0;
    const api = (name: string, args: ts.Expression[]) =>
      f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(INSTRUMENTATION_GLOBAL), name), undefined, args);

    /** A scope's statements with its `using` declarations turned into the try/finally form. */
    const lowerStatements = (statements: readonly ts.Statement[], range: ts.TextRange): ts.Statement[] => {
      const visited = statements.map((s) => ts.visitNode(s, visit) as ts.Statement);
      if (!statements.some(isUsingStatement)) return visited;
      const id = ++counter;
      const env = f.createIdentifier(`__at$env${id}`);
      const anyAwait = statements.some((s) => isUsingStatement(s) && usingKind(s.declarationList) === 'await using');
      const body = statements.map((s, i) => {
        if (!isUsingStatement(s)) return visited[i];
        const isAwait = usingKind(s.declarationList) === 'await using';
        // `const x = init, t = $.using(env, x, …)`: the binding keeps its initializer, so an
        // anonymous function or class there is named `x` (NamedEvaluation) as in V8.
        const decls = s.declarationList.declarations.flatMap((d) => [
          ts.setTextRange(f.createVariableDeclaration(d.name, undefined, undefined, ts.visitNode(d.initializer ?? f.createVoidZero(), visit) as ts.Expression), d),
          ts.setTextRange(f.createVariableDeclaration(f.createIdentifier(`__at$use${++counter}`), undefined, undefined, anchor(api('using', [env, f.createIdentifier((d.name as ts.Identifier).text), isAwait ? f.createTrue() : f.createFalse()]), d.initializer ?? d)), d),
        ]);
        return ts.setTextRange(f.createVariableStatement(undefined, ts.setTextRange(f.createVariableDeclarationList(decls, ts.NodeFlags.Const), s.declarationList)), s);
      });
      const e = f.createIdentifier(`__at$error${id}`);
      const catchClause = f.createCatchClause(f.createVariableDeclaration(e), f.createBlock([f.createExpressionStatement(api('usingThrew', [env, e]))]));
      let finallyBlock: ts.Block;
      if (!anyAwait) {
        finallyBlock = f.createBlock([f.createExpressionStatement(api('disposeScope', [env]))]);
      } else {
        // for (let g = …disposeScopeAsync(env), r = g.next(); !r.done;) {
        //   let v, ok = true; try { v = await r.value; } catch (x) { ok = false; v = x; }
        //   r = ok ? g.next(v) : g.throw(v);
        // }
        const g = f.createIdentifier(`__at$dispose${id}`);
        const r = f.createIdentifier(`__at$step${id}`);
        const v = f.createIdentifier(`__at$value${id}`);
        const ok = f.createIdentifier(`__at$ok${id}`);
        const x = f.createIdentifier(`__at$rejection${id}`);
        const awaitExpr = ts.setTextRange(f.createAwaitExpression(f.createPropertyAccessExpression(r, 'value')), range);
        finallyBlock = f.createBlock([
          f.createForStatement(
            f.createVariableDeclarationList([
              f.createVariableDeclaration(g, undefined, undefined, api('disposeScopeAsync', [env])),
              f.createVariableDeclaration(r, undefined, undefined, f.createCallExpression(f.createPropertyAccessExpression(g, 'next'), undefined, [])),
            ], ts.NodeFlags.Let),
            f.createPrefixUnaryExpression(ts.SyntaxKind.ExclamationToken, f.createPropertyAccessExpression(r, 'done')),
            undefined,
            f.createBlock([
              f.createVariableStatement(undefined, f.createVariableDeclarationList([
                f.createVariableDeclaration(v),
                f.createVariableDeclaration(ok, undefined, undefined, f.createTrue()),
              ], ts.NodeFlags.Let)),
              f.createTryStatement(
                f.createBlock([f.createExpressionStatement(f.createAssignment(v, awaitExpr))]),
                f.createCatchClause(f.createVariableDeclaration(x), f.createBlock([
                  f.createExpressionStatement(f.createAssignment(ok, f.createFalse())),
                  f.createExpressionStatement(f.createAssignment(v, x)),
                ])),
                undefined,
              ),
              f.createExpressionStatement(f.createAssignment(r, f.createConditionalExpression(
                ok, undefined,
                f.createCallExpression(f.createPropertyAccessExpression(g, 'next'), undefined, [v]), undefined,
                f.createCallExpression(f.createPropertyAccessExpression(g, 'throw'), undefined, [v]),
              ))),
            ]),
          ),
        ]);
      }
      return [
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(env, undefined, undefined, api('usingScope', []))], ts.NodeFlags.Const)),
        f.createTryStatement(f.createBlock(body, true), catchClause, finallyBlock),
      ].map((s) => anchor(s, range));
    };

    /** `for (using x of xs) body` → `for (const t of xs) { using x = t; body }` (a scope per iteration). */
    const lowerForOf = (node: ts.ForOfStatement, list: ts.VariableDeclarationList): ts.Statement => {
      const temp = f.createIdentifier(`__at$item${++counter}`);
      const decl = list.declarations[0];
      const inner = ts.setTextRange(f.createVariableStatement(undefined, ts.setTextRange(
        f.createVariableDeclarationList([ts.setTextRange(f.createVariableDeclaration(decl.name, undefined, undefined, temp), decl)], list.flags & ts.NodeFlags.BlockScoped),
        list,
      )), list);
      const bodyStatements = ts.isBlock(node.statement) ? [...node.statement.statements] : [node.statement];
      const body = f.createBlock(lowerStatements([inner, ...bodyStatements], list), true);
      return anchor(f.updateForOfStatement(node, node.awaitModifier, f.createVariableDeclarationList([f.createVariableDeclaration(temp)], ts.NodeFlags.Const), ts.visitNode(node.expression, visit) as ts.Expression, body), node);
    };

    /** `for (using x = a; c; u) body` → `{ using x = a; for (; c; u) body }` (one scope for the loop). */
    const lowerFor = (node: ts.ForStatement, list: ts.VariableDeclarationList): ts.Statement => {
      const decl = ts.setTextRange(f.createVariableStatement(undefined, list), list);
      const loop = f.updateForStatement(node, undefined, node.condition, node.incrementor, node.statement);
      return anchor(f.createBlock(lowerStatements([decl, loop], list), true), node);
    };

    const hasUsing = (node: ts.Node) => /\busing\b/.test(sf.text.slice(node.pos, node.end));
    const visit = (node: ts.Node): ts.Node => {
      if (!hasUsing(node)) return node; // untouched subtrees keep their identity (and parents)
      const head = usingHead(node);
      if (head && ts.isForOfStatement(node)) return lowerForOf(node, head);
      if (head && ts.isForStatement(node)) return lowerFor(node, head);
      if (ts.isBlock(node)) {
        // A function body's directive prologue ("use strict") must stay first.
        let first = 0;
        if (node.parent && ts.isFunctionLike(node.parent)) {
          while (first < node.statements.length && ts.isExpressionStatement(node.statements[first]) && ts.isStringLiteral((node.statements[first] as ts.ExpressionStatement).expression)) first++;
        }
        return f.updateBlock(node, [...node.statements.slice(0, first), ...lowerStatements(node.statements.slice(first), node)]);
      }
      if (ts.isCaseClause(node) || ts.isDefaultClause(node)) {
        const statements = lowerStatements(node.statements, node);
        return ts.isCaseClause(node) ? f.updateCaseClause(node, ts.visitNode(node.expression, visit) as ts.Expression, statements) : f.updateDefaultClause(node, statements);
      }
      return ts.visitEachChild(node, visit, context);
    };

    // The file's top level: imports stay outside (they are hoisted); exported declarations
    // would become local to the try block, so a module that exports is not lowered here.
    const statements = sf.statements;
    if (!statements.some(isUsingStatement)) return withParents(ts.visitEachChild(sf, visit, context));
    const exported = statements.find((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
    if (exported) {
      options.onDiagnostic({ pos: exported.getStart(sf), message: '`using` at the top level of a module that exports is not simulated yet: move the `using` declarations into a block or function' });
      return sf;
    }
    let first = 0;
    while (first < statements.length && ts.isExpressionStatement(statements[first]) && ts.isStringLiteral((statements[first] as ts.ExpressionStatement).expression)) first++;
    const prologue = statements.slice(0, first);
    const imports = statements.slice(first).filter(ts.isImportDeclaration);
    const rest = statements.slice(first).filter((s) => !ts.isImportDeclaration(s));
    return withParents(f.updateSourceFile(sf, [...prologue, ...imports, ...lowerStatements(rest, sf)]));
  };
}
