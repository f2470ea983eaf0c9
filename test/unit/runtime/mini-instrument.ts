/**
 * TEST-ONLY: a minimal instrumenter producing the shapes of instrumentation-api.ts, so the
 * runtime's differential tests can run one native program both under real `node` and (after
 * this rewrite) on the simulated runtime. It is NOT the product's transformer (src/core/instrument):
 * no sites (all 0), no `super`/`arguments` capture, no top-level await.
 */
import ts from 'typescript';

const $ = () => ts.factory.createIdentifier('__asyncTimeline$');
const call = (name: string, args: ts.Expression[]) =>
  ts.factory.createCallExpression(ts.factory.createPropertyAccessExpression($(), name), undefined, args);
const zero = () => ts.factory.createNumericLiteral(0);

function isAsync(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

export function instrument(source: string): string {
  const sf = ts.createSourceFile('prog.js', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  let tmp = 0;
  const transformer: ts.TransformerFactory<ts.SourceFile> = (ctx) => {
    const f = ctx.factory;

    /** Rewrites the body of an async function / async generator (kind 'gen' = async generator). */
    const bodyVisitor = (kind: 'fn' | 'gen') => {
      const visit = (node: ts.Node): ts.Node => {
        if (ts.isFunctionLike(node)) return outerVisit(node);
        if (ts.isAwaitExpression(node)) {
          return f.createParenthesizedExpression(f.createYieldExpression(undefined, call('await', [ts.visitNode(node.expression, visit) as ts.Expression, zero()])));
        }
        if (kind === 'gen' && ts.isYieldExpression(node)) {
          const arg = node.expression ? (ts.visitNode(node.expression, visit) as ts.Expression) : f.createIdentifier('undefined');
          if (node.asteriskToken) return f.createParenthesizedExpression(f.createYieldExpression(f.createToken(ts.SyntaxKind.AsteriskToken), call('yieldStar', [arg, zero()])));
          return f.createParenthesizedExpression(f.createYieldExpression(undefined, call('yield', [arg, zero()])));
        }
        // As the real transformer: `return expr` in an async generator Awaits its operand in the body.
        if (kind === 'gen' && ts.isReturnStatement(node) && node.expression) {
          const arg = ts.visitNode(node.expression, visit) as ts.Expression;
          return f.updateReturnStatement(node, f.createParenthesizedExpression(f.createYieldExpression(undefined, call('await', [arg, zero()]))));
        }
        if (ts.isForOfStatement(node) && node.awaitModifier) {
          const n = tmp++;
          const it = f.createIdentifier(`it$${n}`);
          const r = f.createIdentifier(`r$${n}`);
          const done = f.createIdentifier(`done$${n}`);
          const decl = node.initializer;
          const bindValue = ts.isVariableDeclarationList(decl)
            ? f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(decl.declarations[0].name, undefined, undefined, f.createPropertyAccessExpression(r, 'value'))], decl.flags))
            : f.createExpressionStatement(f.createAssignment(decl as ts.Expression, f.createPropertyAccessExpression(r, 'value')));
          const body = ts.visitNode(node.statement, visit) as ts.Statement;
          const src = `{ const ${it.text} = __asyncTimeline$.asyncIterator(EXPR, 0); let ${done.text} = false; try { while (true) { ${done.text} = true; const ${r.text} = yield __asyncTimeline$.await(${it.text}.next(), 0); ${done.text} = !!${r.text}.done; if (${done.text}) break; BIND; BODY } } finally { if (!${done.text} && typeof ${it.text}.return === 'function') yield __asyncTimeline$.await(${it.text}.return(), 0); } }`;
          // Build via a template: parse, then splice EXPR/BIND/BODY.
          const tpl = ts.createSourceFile('t.js', `function* t(){${src}}`, ts.ScriptTarget.ES2022, true).statements[0] as ts.FunctionDeclaration;
          const block = tpl.body!.statements[0];
          const synth = (n2: ts.Node): void => { ts.setTextRange(n2, { pos: -1, end: -1 }); ts.forEachChild(n2, synth); };
          synth(block);
          const splice = (n2: ts.Node): ts.Node => {
            if (ts.isIdentifier(n2) && n2.text === 'EXPR') return ts.visitNode(node.expression, visit) as ts.Expression;
            if (ts.isExpressionStatement(n2) && ts.isIdentifier(n2.expression) && n2.expression.text === 'BIND') return bindValue;
            if (ts.isExpressionStatement(n2) && ts.isIdentifier(n2.expression) && n2.expression.text === 'BODY') return body;
            return ts.visitEachChild(n2, splice, ctx);
          };
          return ts.visitNode(block, splice) as ts.Statement;
        }
        return ts.visitEachChild(node, visit, ctx);
      };
      return visit;
    };

    const makeGen = (params: ts.NodeArray<ts.ParameterDeclaration>, body: ts.ConciseBody, kind: 'fn' | 'gen') => {
      const block = ts.isBlock(body) ? body : f.createBlock([f.createReturnStatement(body)]);
      const newBody = ts.visitNode(block, bodyVisitor(kind)) as ts.Block;
      return f.createFunctionExpression(undefined, f.createToken(ts.SyntaxKind.AsteriskToken), undefined, undefined, params, undefined, newBody);
    };

    const outerVisit = (node: ts.Node): ts.Node => {
      if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && isAsync(node) && node.body) {
        const kind = node.asteriskToken ? 'gen' : 'fn';
        const gen = makeGen(node.parameters, node.body, kind);
        const ret = f.createReturnStatement(call(kind === 'gen' ? 'asyncGenerator' : 'async', [gen, f.createThis(), f.createIdentifier('arguments'), zero()]));
        const mods = (ts.getModifiers(node) ?? []).filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword);
        const body = f.createBlock([ret], true);
        if (ts.isFunctionDeclaration(node)) return f.updateFunctionDeclaration(node, mods, undefined, node.name, undefined, [], undefined, body);
        if (ts.isFunctionExpression(node)) return f.updateFunctionExpression(node, mods, undefined, node.name, undefined, [], undefined, body);
        return f.updateMethodDeclaration(node, mods, undefined, node.name, undefined, undefined, [], undefined, body);
      }
      if (ts.isArrowFunction(node) && isAsync(node)) {
        const gen = makeGen(node.parameters, node.body, 'fn');
        const args = f.createIdentifier('args$');
        const mods = (ts.getModifiers(node) ?? []).filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword);
        return f.updateArrowFunction(node, mods, undefined,
          [f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), args)], undefined, node.equalsGreaterThanToken,
          call('async', [gen, f.createThis(), args, zero()]));
      }
      return ts.visitEachChild(node, outerVisit, ctx);
    };
    return (file) => ts.visitEachChild(file, outerVisit, ctx);
  };
  const out = ts.transform(sf, [transformer]);
  return ts.createPrinter().printFile(out.transformed[0]);
}
