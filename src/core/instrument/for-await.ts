/**
 * Lowering of `for await (x of xs) body` inside a coroutine body (an async function's
 * generator or a module's top-level generator). The shape follows the spec's
 * ForIn/OfBodyEvaluation with iteratorKind = async:
 *
 *   {
 *     const it = $.asyncIterator(xs, S);          // GetIterator(xs, async), wraps sync iterables
 *     let done = false, threw = false;            // done: the iterator ended (or failed) by itself
 *     try {
 *       LABEL: for (;;) {
 *         done = true;                            // a throwing next()/value getter must not close it
 *         const step = yield $.await(it.next(), S);
 *         if (Object(step) !== step) throw new TypeError(...);
 *         if (step.done) break;
 *         <binding> = step.value;
 *         done = false;
 *         body                                    // break/continue/return keep their meaning
 *       }
 *     } catch (e) { threw = true; throw e; }
 *     finally {                                   // AsyncIteratorClose on break/return/throw
 *       if (!done) {
 *         if (threw) try { const ret = it.return; if (ret != null) yield $.await(ret.call(it), S) } catch {}   // the body's error wins
 *         else { const ret = it.return; if (ret != null) { const r = yield $.await(ret.call(it), S); if (Object(r) !== r) throw new TypeError(...) } } }
 *     }
 *   }
 *
 * The `yield`s are legal because the whole thing lives inside the coroutine generator.
 */
import ts from './typescript';

export interface ForAwaitParts {
  /** The visited `initializer` of the for-of (a declaration list or an assignment target). */
  initializer: ts.ForInitializer;
  /** The visited iterated expression. */
  expression: ts.Expression;
  /** The visited loop body. */
  body: ts.Statement;
  /** Label of the loop, if it had one (moved onto the inner `for (;;)`). */
  label?: ts.Identifier;
  /** Builds `$.<name>(...args)` on the instrumentation global. */
  api: (name: string, args: ts.Expression[]) => ts.Expression;
  /** The site expression (`$s + k`). */
  site: () => ts.Expression;
}

export function lowerForAwait(f: ts.NodeFactory, p: ForAwaitParts): ts.Statement {
  const it = f.createUniqueName('__at$it');
  const done = f.createUniqueName('__at$done');
  const threw = f.createUniqueName('__at$threw');
  const step = f.createUniqueName('__at$step');
  const err = f.createUniqueName('__at$err');
  const ret = f.createUniqueName('__at$ret');
  const res = f.createUniqueName('__at$res');

  const constDecl = (name: ts.BindingName, init?: ts.Expression, flags = ts.NodeFlags.Const) =>
    f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, init)], flags));
  const assign = (target: ts.Expression, value: ts.Expression) => f.createExpressionStatement(f.createAssignment(target, value));
  const awaitYield = (value: ts.Expression) => f.createYieldExpression(undefined, p.api('await', [value, p.site()]));
  const notObject = (v: ts.Expression) =>
    f.createStrictInequality(f.createCallExpression(f.createIdentifier('Object'), undefined, [v]), v);
  const throwTypeError = (v: ts.Expression) =>
    f.createThrowStatement(
      f.createNewExpression(f.createIdentifier('TypeError'), undefined, [
        f.createBinaryExpression(
          f.createBinaryExpression(f.createStringLiteral('Iterator result '), ts.SyntaxKind.PlusToken, v),
          ts.SyntaxKind.PlusToken,
          f.createStringLiteral(' is not an object'),
        ),
      ]),
    );

  // The loop variable binding: a fresh declaration per iteration (like for-of), or an assignment.
  const value = f.createPropertyAccessExpression(step, 'value');
  let bind: ts.Statement;
  if (ts.isVariableDeclarationList(p.initializer)) {
    const decl = p.initializer.declarations[0];
    const flags = p.initializer.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let);
    bind = constDecl(decl.name, value, flags);
  } else {
    bind = assign(p.initializer, value);
  }
  const bodyStatements = ts.isBlock(p.body) ? [...p.body.statements] : [p.body];

  const loop = f.createForStatement(
    undefined,
    undefined,
    undefined,
    f.createBlock(
      [
        assign(done, f.createTrue()),
        constDecl(step, awaitYield(f.createCallExpression(f.createPropertyAccessExpression(it, 'next'), undefined, []))),
        f.createIfStatement(notObject(step), throwTypeError(step)),
        f.createIfStatement(f.createPropertyAccessExpression(step, 'done'), f.createBreakStatement()),
        bind,
        assign(done, f.createFalse()),
        // The user's body stays one block so its `let`/`const` keep per-iteration scope.
        f.createBlock(bodyStatements, true),
      ],
      true,
    ),
  );
  const labelledLoop = p.label ? f.createLabeledStatement(p.label, loop) : loop;

  const callReturn = f.createCallExpression(f.createPropertyAccessExpression(ret, 'call'), undefined, [it]);
  const getReturn = () => constDecl(ret, f.createPropertyAccessExpression(it, 'return'));
  const ifReturn = (then: ts.Statement) => f.createIfStatement(f.createBinaryExpression(ret, ts.SyntaxKind.ExclamationEqualsToken, f.createNull()), then);
  // AsyncIteratorClose (§7.4.13): after a throw, the body's error wins over anything closing does,
  // also a throwing `return` getter; otherwise the getter's error and a non-object result throw.
  const close = f.createIfStatement(
    f.createLogicalNot(done),
    f.createIfStatement(
      threw,
      f.createTryStatement(f.createBlock([getReturn(), ifReturn(f.createExpressionStatement(awaitYield(callReturn)))], true), f.createCatchClause(undefined, f.createBlock([])), undefined),
      f.createBlock([getReturn(), ifReturn(f.createBlock([constDecl(res, awaitYield(callReturn)), f.createIfStatement(notObject(res), throwTypeError(res))], true))], true),
    ),
  );

  return f.createBlock(
    [
      constDecl(it, p.api('asyncIterator', [p.expression, p.site()])),
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [f.createVariableDeclaration(done, undefined, undefined, f.createFalse()), f.createVariableDeclaration(threw, undefined, undefined, f.createFalse())],
          ts.NodeFlags.Let,
        ),
      ),
      f.createTryStatement(
        f.createBlock([labelledLoop], true),
        f.createCatchClause(err, f.createBlock([assign(threw, f.createTrue()), f.createThrowStatement(err)], true)),
        f.createBlock([close], true),
      ),
    ],
    true,
  );
}
