/**
 * Direct evals in a program for a target with `using` (Node 24+): `eval(x, …)` becomes
 * `eval(__asyncTimeline$.evalSource(eval, x), …)`, still a direct eval (the callee is the
 * identifier `eval`), so the text runs in the caller's scope as before. The runtime
 * (runtime/eval-source.ts) hands `x` back unchanged unless it is a string declaring `using`,
 * `eval` is the realm's own, and the host V8 lacks the syntax; then it is lowered as the
 * program's files are (eval-text.ts).
 *
 * `eval?.(x)` and `eval(...xs)` are not rewritten (the first is not a direct eval; the second
 * is rare enough to stay as V8 runs it). A file without a direct eval call costs one regular
 * expression test.
 */
import ts from './typescript';
import { INSTRUMENTATION_GLOBAL } from '../runtime/instrumentation-api';
import { hasFeature } from '../versions/features';
import type { NodeMajor } from '../versions/targets';

export function directEvalTransformer(nodeMajor: NodeMajor | undefined): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sf) => {
    if (!hasFeature(nodeMajor, 'using declarations') || !/\beval\s*\(/.test(sf.text)) return sf;
    const f = context.factory;
    const visit = (node: ts.Node): ts.Node => {
      const visited = ts.visitEachChild(node, visit, context);
      if (!ts.isCallExpression(visited) || visited.questionDotToken !== undefined || !ts.isIdentifier(visited.expression) || visited.expression.text !== 'eval') return visited;
      const [source, ...rest] = visited.arguments;
      if (source === undefined || ts.isSpreadElement(source)) return visited;
      const call = ts.setTextRange(
        f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(INSTRUMENTATION_GLOBAL), 'evalSource'), undefined, [f.createIdentifier('eval'), source]),
        source,
      );
      return f.updateCallExpression(visited, visited.expression, visited.typeArguments, [call, ...rest]);
    };
    return ts.visitEachChild(sf, visit, context);
  };
}
