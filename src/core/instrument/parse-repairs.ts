/**
 * Two places where TypeScript's parser (6.0.3) reads valid JavaScript wrongly, and the instrumenter
 * has no other parser. Each repair rewrites the text *without changing its length or its lines*
 * (a space becomes a parenthesis or a semicolon), so every position — diagnostics, sites, the
 * source map — still points at the user's text. A repair is used only if the repaired text
 * parses clean (index.ts). Retire each when TypeScript parses the case as the spec does
 * (check with the test262 tests named below).
 *
 * 1. `in` inside an array literal in a for head: `for ([x = 'x' in {}] of xs)`. The spec parses an
 *    array literal's elements with [+In]; TypeScript keeps the for head's no-`in` context and
 *    reports "',' expected" at the `in` (test262 for-await-of/async-func-decl-dstr-array-elem-init-in).
 *    Repair: the element's default value is parenthesized, `[x =('x' in {})]`, when a space is on
 *    each side of it to become the parentheses.
 *
 * 2. `let` at the end of a line as the body of a loop or `if` (sloppy code):
 *    `for (…) let // ASI` then `{}` on the next line. A declaration cannot be a statement's body,
 *    so the spec reads the identifier `let`, a semicolon inserted at the line break, then a
 *    block; TypeScript reads a `let {}` declaration (test262 for-await-of/let-block-with-newline).
 *    Repair: the space after `let` becomes the `;` that ASI inserts (a `let` directly followed by
 *    the line break has no room, and stays misread). Script files only: in strict
 *    code the original is a SyntaxError (V8's check before the instrumenter reports it).
 */
import ts from './typescript';

function parse(text: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.ESNext, true, /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS);
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

function replaceAt(text: string, at: number, c: string): string {
  return text.slice(0, at) + c + text.slice(at + 1);
}

/** The text with repair 1 applied where TypeScript reported "',' expected" at an `in`; undefined if none applies. */
export function repairInInForHead(text: string, fileName: string): string | undefined {
  if (!/\bin\b/.test(text)) return undefined;
  const sf = parse(text, fileName);
  const errors = (sf as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  let out = text;
  for (const d of errors) {
    if (d.start === undefined || text.slice(d.start, d.start + 2) !== 'in') continue;
    // The innermost array literal around the `in`, inside a for statement's head.
    let array: ts.ArrayLiteralExpression | undefined;
    const find = (n: ts.Node): void => {
      if (n.pos > d.start! || n.end < d.start!) return;
      if (ts.isArrayLiteralExpression(n) && n.getStart(sf) < d.start!) array = n;
      n.forEachChild(find);
    };
    find(sf);
    if (!array || !inForHead(array)) continue;
    // TypeScript ended the element before the `in` and took the right operand as the next element.
    const elements = array.elements;
    const i = elements.findIndex((e, k) => e.end <= d.start! && k + 1 < elements.length && elements[k + 1].pos >= d.start!);
    const before = elements[i];
    const after = elements[i + 1];
    if (!before || !after || !ts.isBinaryExpression(before) || before.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const open = before.right.getStart(sf) - 1;
    const close = after.end;
    if (!isSpace(out[open]) || !isSpace(out[close])) continue;
    out = replaceAt(replaceAt(out, open, '('), close, ')');
  }
  return out === text ? undefined : out;
}

function inForHead(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isForStatement(p)) && p.initializer === n) return true;
    if (!ts.isExpression(p) && !ts.isSpreadElement(p)) return false;
  }
  return false;
}

/** The text with repair 2 applied to each `let` declaration that is a statement's body; undefined if none. */
export function repairLetAsi(text: string): string | undefined {
  if (!/\blet[ \t]+(?:\/\/[^\n]*|\/\*.*?\*\/[ \t]*)?\r?\n/.test(text)) return undefined;
  const sf = parse(text, 'repair.js');
  let out = text;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableStatement(n) && (n.declarationList.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Let && isSubStatement(n)) {
      const at = n.getStart(sf);
      const first = n.declarationList.declarations[0];
      if (text.slice(at, at + 3) === 'let' && isSpace(text[at + 3]) && first && /\n/.test(text.slice(at + 3, first.getStart(sf)))) out = replaceAt(out, at + 3, ';');
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return out === text ? undefined : out;
}

/** Is the statement the body of a loop, `if`/`else`, `with` or label (where no declaration may stand)? */
function isSubStatement(s: ts.Statement): boolean {
  const p = s.parent;
  return ts.isIterationStatement(p, false) || ts.isIfStatement(p) || ts.isWithStatement(p) || ts.isLabeledStatement(p);
}
