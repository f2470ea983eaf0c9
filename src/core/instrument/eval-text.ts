/**
 * The text of a direct eval that declares `using` / `await using`, for a target that has them
 * (Node 24+) run by a host V8 that has not (Node 20/22: the CLI, VS Code's extension host).
 * The runtime asks for it (`$.evalSource`, runtime/eval-source.ts) only in that case; the text
 * is lowered the way the program's own files are (using.ts), after a rewrite that keeps the
 * script's completion value — what `eval` returns — the spec's:
 *
 * The lowering puts a scope's statements in a `try`/`finally`, whose completion is `undefined`
 * where the spec's block is empty (`eval('4; {using x = null;}')` is 4 in Node 24). So every
 * statement that produces the completion value writes it to a variable of its own, and the
 * script ends with that variable as its last expression statement (ECMA-262 §8.1 UpdateEmpty,
 * statement by statement):
 *
 *   let $c = <the last directive's text, or undefined>;   (after the directive prologue)
 *   e;                    → $c = e;
 *   if / loops / switch / with
 *                         → $c = undefined; <statement>   (UpdateEmpty(R, undefined))
 *   try B catch C finally F
 *                         → $c = undefined; try B catch (e) { $c = undefined; C }
 *                           finally { const s = $c; { F } $c = s; }   (F's value counts only if F is abrupt)
 *   labels, blocks        → their statements rewritten; declarations, `break`… unchanged (empty)
 *   …
 *   $c;
 *
 * A `break`/`continue` carries the value the statements before it left (UpdateEmpty of the
 * statement list), which is what the variable holds there; functions and classes are not
 * entered (their statements are not the script's). A `let` at the top of an eval's text stays
 * in the eval's own scope, sloppy or strict. (Inside a `with`, the variable is looked up on the
 * object first: a Proxy's `has` trap sees its name.)
 */
import ts from './typescript';
import { usingTransformer, type UsingDiagnostic } from './using';

export type EvalLowering =
  /** The lowered script, to be evaluated by the same direct eval. */
  | { code: string }
  /** The target's SyntaxError (its message) for a `using` declaration V8 would refuse. */
  | { syntaxError: string }
  /** Nothing to lower (or a text that does not parse, without a message for it): the host's eval gets the text as it is. */
  | undefined;

const COMPLETION = '__at$completion';

function usingKindOf(s: ts.Statement): 'using' | 'await using' | undefined {
  if (!ts.isVariableStatement(s)) return undefined;
  const scoped = s.declarationList.flags & ts.NodeFlags.BlockScoped;
  return scoped === ts.NodeFlags.AwaitUsing ? 'await using' : scoped === ts.NodeFlags.Using ? 'using' : undefined;
}

function declaresUsing(sf: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.BlockScoped & (ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) !== 0) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/**
 * V8's error for a `using` declaration directly in the eval's text: eval code is a Script, whose
 * top level allows neither (Node 24/26: "Unexpected identifier 'x'", and for `await using` the
 * message of an `await` outside an async function).
 */
function topLevelUsing(sf: ts.SourceFile): UsingDiagnostic | undefined {
  for (const s of sf.statements) {
    const kind = usingKindOf(s);
    if (kind === undefined) continue;
    const list = (s as ts.VariableStatement).declarationList;
    if (kind === 'await using') return { pos: list.getStart(sf), message: 'await is only valid in async functions and the top level bodies of modules' };
    const name = list.declarations[0]?.name;
    return { pos: (name ?? list).getStart(sf), message: `Unexpected identifier '${name ? name.getText(sf) : 'using'}'` };
  }
  return undefined;
}

/** The completion-value rewrite described above, as a transformer of the eval's script. */
const completionTransformer: ts.TransformerFactory<ts.SourceFile> = (context) => (sf) => {
  const f = context.factory;
  const cv = () => f.createIdentifier(COMPLETION);
  const setTo = (value: ts.Expression, range: ts.TextRange) => ts.setTextRange(f.createExpressionStatement(f.createAssignment(cv(), value)), { pos: range.pos, end: range.pos });
  const clear = (range: ts.TextRange) => setTo(f.createIdentifier('undefined'), range);
  let saved = 0;

  /** One statement where a single one is expected (a branch, a loop body): several become a block. */
  const single = (s: ts.Statement): ts.Statement => {
    const out = rewrite(s);
    return out.length === 1 ? out[0] : ts.setTextRange(f.createBlock(out, true), s);
  };
  const block = (b: ts.Block): ts.Block => f.updateBlock(b, b.statements.flatMap(rewrite));

  /** A statement of the script (never inside a function or class) as the statements that replace it. */
  const rewrite = (s: ts.Statement): ts.Statement[] => {
    // The assignment keeps the statement's place: using.ts lowers only what covers a `using` in the text.
    if (ts.isExpressionStatement(s)) return [ts.setTextRange(f.createExpressionStatement(ts.setTextRange(f.createAssignment(cv(), s.expression), s)), s)];
    if (ts.isBlock(s)) return [block(s)];
    if (ts.isLabeledStatement(s)) {
      // The label stays on its statement (a `continue label` must name the loop itself).
      const inner = rewrite(s.statement);
      return [...inner.slice(0, -1), f.updateLabeledStatement(s, s.label, inner[inner.length - 1])];
    }
    if (ts.isIfStatement(s)) return [clear(s), f.updateIfStatement(s, s.expression, single(s.thenStatement), s.elseStatement && single(s.elseStatement))];
    if (ts.isDoStatement(s)) return [clear(s), f.updateDoStatement(s, single(s.statement), s.expression)];
    if (ts.isWhileStatement(s)) return [clear(s), f.updateWhileStatement(s, s.expression, single(s.statement))];
    if (ts.isForStatement(s)) return [clear(s), f.updateForStatement(s, s.initializer, s.condition, s.incrementor, single(s.statement))];
    if (ts.isForInStatement(s)) return [clear(s), f.updateForInStatement(s, s.initializer, s.expression, single(s.statement))];
    if (ts.isForOfStatement(s)) return [clear(s), f.updateForOfStatement(s, s.awaitModifier, s.initializer, s.expression, single(s.statement))];
    if (ts.isWithStatement(s)) return [clear(s), f.updateWithStatement(s, s.expression, single(s.statement))];
    if (ts.isSwitchStatement(s)) {
      const clauses = s.caseBlock.clauses.map((c) =>
        ts.isCaseClause(c) ? f.updateCaseClause(c, c.expression, c.statements.flatMap(rewrite)) : f.updateDefaultClause(c, c.statements.flatMap(rewrite)),
      );
      return [clear(s), f.updateSwitchStatement(s, s.expression, f.updateCaseBlock(s.caseBlock, clauses))];
    }
    if (ts.isTryStatement(s)) {
      const c = s.catchClause;
      const catchClause = c && f.updateCatchClause(c, c.variableDeclaration, f.updateBlock(c.block, [clear(c.block), ...c.block.statements.flatMap(rewrite)]));
      let finallyBlock: ts.Block | undefined;
      if (s.finallyBlock) {
        // A finally block that completes normally leaves the try's value (§14.15.3).
        const keep = f.createIdentifier(`__at$completionKept${++saved}`);
        finallyBlock = f.updateBlock(s.finallyBlock, [
          f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(keep, undefined, undefined, cv())], ts.NodeFlags.Const)),
          ts.setTextRange(f.createBlock(s.finallyBlock.statements.flatMap(rewrite), true), s.finallyBlock),
          f.createExpressionStatement(f.createAssignment(cv(), keep)),
        ]);
      }
      return [clear(s), f.updateTryStatement(s, block(s.tryBlock), catchClause, finallyBlock)];
    }
    // Declarations, `;`, `break`, `continue`, `throw`, `debugger`: empty (or abrupt) completions.
    return [s];
  };

  let first = 0;
  while (first < sf.statements.length && ts.isExpressionStatement(sf.statements[first]) && ts.isStringLiteral((sf.statements[first] as ts.ExpressionStatement).expression)) first++;
  const prologue = sf.statements.slice(0, first);
  // A directive is an expression statement too: the last one is the value so far.
  const lastDirective = prologue.length > 0 ? ((prologue[prologue.length - 1] as ts.ExpressionStatement).expression as ts.StringLiteral) : undefined;
  const initial = lastDirective ? f.createStringLiteral(lastDirective.text) : f.createIdentifier('undefined');
  return f.updateSourceFile(sf, [
    ...prologue,
    f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(cv(), undefined, undefined, initial)], ts.NodeFlags.Let)),
    ...sf.statements.slice(first).flatMap(rewrite),
    f.createExpressionStatement(cv()),
  ]);
};

/**
 * The text with each `using` / `await using` keyword of a declaration written as `let` (same
 * length and lines): for a text that does not parse, the host V8 can then find its other error.
 */
function usingAsLet(sf: ts.SourceFile): string {
  const text = sf.text;
  const edits: [start: number, end: number][] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.BlockScoped & (ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) !== 0 && n.declarations.length > 0) {
      edits.push([n.getStart(sf), n.declarations[0].getStart(sf)]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = '';
  let at = 0;
  for (const [start, end] of edits) {
    const keyword = text.slice(start, end);
    if (keyword.length < 4) continue;
    out += text.slice(at, start) + 'let ' + keyword.slice(4).replace(/[^\r\n\u2028\u2029]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

/**
 * The eval's text, lowered for a host without `using` (see the file's comment).
 * `syntaxErrorOf(script)`: the host V8's SyntaxError message for a script text, or undefined
 * if it parses; gives a text that does not parse the target's message for its other error.
 */
export function lowerEvalText(text: string, syntaxErrorOf?: (script: string) => string | undefined): EvalLowering {
  if (!/\busing\b/.test(text)) return undefined;
  const sf = ts.createSourceFile('eval.js', text, ts.ScriptTarget.ESNext, true, ts.ScriptKind.JS);
  const parseErrors = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (parseErrors.length > 0) {
    if (!declaresUsing(sf)) return undefined;
    // V8 reports the error that comes first in the text.
    const topLevel = topLevelUsing(sf);
    if (topLevel && topLevel.pos < (parseErrors[0].start ?? 0)) return { syntaxError: topLevel.message };
    const message = syntaxErrorOf?.(usingAsLet(sf));
    return message === undefined ? undefined : { syntaxError: message };
  }
  if (!declaresUsing(sf)) return undefined;
  const diagnostics: UsingDiagnostic[] = [];
  const topLevel = topLevelUsing(sf);
  if (topLevel) diagnostics.push(topLevel);
  // `eval.cjs`: a script, where `await using` outside an async function is an early error.
  const lowering = usingTransformer({ nodeMajor: 24, isModule: false, fileName: 'eval.cjs', onDiagnostic: (d) => diagnostics.push(d) });
  const result = ts.transform(sf, [completionTransformer, lowering]);
  try {
    if (diagnostics.length > 0) {
      // V8 reports the first error of the text.
      return { syntaxError: diagnostics.reduce((a, b) => (b.pos < a.pos ? b : a)).message };
    }
    return { code: ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(result.transformed[0]) };
  } finally {
    result.dispose();
  }
}
