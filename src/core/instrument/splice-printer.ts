/**
 * Prints the instrumented tree by splicing: TypeScript's printer writes only what the passes
 * made (the runtime's wrappers, `yield $.await(…)`, probes); every subtree the passes left as the
 * parser made it is copied from the original text instead of printed again. The source map is
 * built here too: the printer's own mappings for what it writes, and one mapping per token of
 * each copied piece (an identity map, which is what esbuild's chaining and V8's stack positions
 * look up).
 *
 * Why: printing the whole file through TypeScript's printer and its text writer (which scans
 * every token it writes for line breaks) was most of the instrumenter's time and most of its
 * garbage (issue 13: instrument + bundle ≤ 2× `ts.transpileModule`). A copied subtree costs one
 * `slice` and a scan for its token starts.
 *
 * The copied text keeps its types: the output is TypeScript for a TypeScript file, and esbuild
 * (which already reads every TypeScript file with its TS loader, engine/bundle.ts) strips them.
 * Files whose TypeScript needs more than erasing (enums, namespaces, parameter properties,
 * `import =`, decorators) do not come here (index.ts `instrumentBySplicing`): TypeScript's own
 * emit handles them.
 *
 * A copied statement keeps its own text, also where it relied on automatic semicolon insertion:
 * the printer puts the statements before and after it, so a `;` is added where the statement
 * would otherwise run into the next one (`endsWithStatementSemicolon`). The comments before a
 * copied node (its leading trivia) are not copied: nothing reads them after the bundler.
 */
import ts from './typescript';
import { BASE64 } from './site-rows';

/** TypeScript's printer and source map generator internals this module hands its own objects to. */
interface PrinterInternals {
  writeFile(sourceFile: ts.SourceFile, writer: unknown, sourceMapGenerator: unknown): void;
}

/** Starts the name of a copied subtree's stand-in: a private-use character, never in an identifier of the source. */
const PLACEHOLDER = '\uE000';
const PLACEHOLDER_CODE = 0xe000;

/**
 * Kinds the printer writes more for than their own text: a heritage clause's leading space
 * (`class A extends B`) is written by the clause's own printing. Their children are copied.
 */
const PRINTED_WHOLE = new Set([ts.SyntaxKind.SourceFile, ts.SyntaxKind.HeritageClause]);

/** A line break as JavaScript (and TypeScript's line map) counts one: LF, CR (not before LF), LS, PS. */
function isLineBreak(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10) || c === 0x2028 || c === 0x2029;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 36 || c === 95 || c > 127;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/** Statements the printer ends with `;`: copied without one, they get it (else the next printed statement could continue them). */
function endsWithStatementSemicolon(node: ts.Node): boolean {
  let n = node;
  // A compound statement ends with its last inner statement.
  for (;;) {
    if (ts.isIfStatement(n)) n = n.elseStatement ?? n.thenStatement;
    else if (ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n) || ts.isWhileStatement(n) || ts.isWithStatement(n) || ts.isLabeledStatement(n)) n = n.statement;
    else break;
  }
  switch (n.kind) {
    case ts.SyntaxKind.ExpressionStatement:
    case ts.SyntaxKind.VariableStatement:
    case ts.SyntaxKind.ReturnStatement:
    case ts.SyntaxKind.ThrowStatement:
    case ts.SyntaxKind.BreakStatement:
    case ts.SyntaxKind.ContinueStatement:
    case ts.SyntaxKind.DebuggerStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.ImportDeclaration:
    case ts.SyntaxKind.ExportDeclaration:
    case ts.SyntaxKind.ExportAssignment:
    case ts.SyntaxKind.ImportEqualsDeclaration:
    case ts.SyntaxKind.TypeAliasDeclaration:
    case ts.SyntaxKind.PropertyDeclaration:
      return true;
    default:
      return false;
  }
}

const BASE64_DIGITS = new Uint8Array([...BASE64].map((c) => c.charCodeAt(0)));
const SEMICOLON = 59;
const COMMA = 44;

/**
 * A source map's `mappings` (base64 VLQ), written as ASCII bytes into one growing buffer and
 * decoded once: a string or an array per digit was a tenth of the instrumenter's time.
 */
class MappingsBuilder {
  private bytes = new Uint8Array(1 << 16);
  private size = 0;
  private line = 0;
  private column = 0;
  private srcLine = 0;
  private srcColumn = 0;
  private firstInLine = true;
  private lastColumn = -1;

  private push(byte: number): void {
    if (this.size === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.size++] = byte;
  }

  private vlq(value: number): void {
    let v = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = v & 31;
      v >>>= 5;
      if (v > 0) digit |= 32;
      this.push(BASE64_DIGITS[digit]);
    } while (v > 0);
  }

  /** A segment: generated (line, column) → source (line, column); in generated order. */
  add(genLine: number, genColumn: number, srcLine: number, srcColumn: number): void {
    if (genLine !== this.line) {
      for (let l = this.line; l < genLine; l++) this.push(SEMICOLON);
      this.line = genLine;
      this.column = 0;
      this.firstInLine = true;
      this.lastColumn = -1;
    }
    if (genColumn === this.lastColumn) return; // one segment per position: the first wins, as TypeScript's generator keeps
    if (!this.firstInLine) this.push(COMMA);
    this.firstInLine = false;
    this.vlq(genColumn - this.column);
    this.vlq(0);
    this.vlq(srcLine - this.srcLine);
    this.vlq(srcColumn - this.srcColumn);
    this.column = genColumn;
    this.lastColumn = genColumn;
    this.srcLine = srcLine;
    this.srcColumn = srcColumn;
  }

  toString(): string {
    return new TextDecoder('ascii').decode(this.bytes.subarray(0, this.size));
  }
}

export interface SplicePrintResult {
  code: string;
  /** The source map's `mappings` (one source: the original file), when asked for. */
  mappings?: string;
}

/**
 * Prints `transformed` (the instrumenter's passes applied to `original`, a file parsed with
 * parent pointers) with its unchanged subtrees copied from `original.text`. `replacements`:
 * identifiers the printer writes that stand for text put in as is (the site rows).
 */
export function splicePrint(transformed: ts.SourceFile, original: ts.SourceFile, options: { sourceMap: boolean; replacements?: Map<string, string> }): SplicePrintResult {
  const text = original.text;
  const lineStarts = original.getLineStarts();
  const chunks: ts.Node[] = [];
  const mappings = options.sourceMap ? new MappingsBuilder() : undefined;

  // The text writer TypeScript's printer writes to (its EmitTextWriter), counting lines itself.
  const parts: string[] = [];
  let length = 0;
  let line = 0;
  let lineStartPos = 0;
  let atLineStart = true;
  let indent = 0;
  let trailingComment = false;

  const append = (s: string): void => {
    if (s === '') return;
    parts.push(s);
    // Counts the line breaks as it goes (most writes are one short token without any).
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
        if (c === 13 && s.charCodeAt(k + 1) === 10) continue; // CR LF: one break, at the LF
        line++;
        lineStartPos = length + k + 1;
      }
    }
    length += s.length;
  };
  const indentText = (): void => {
    if (atLineStart) {
      if (indent > 0) append('    '.repeat(indent));
      atLineStart = false;
    }
  };
  /** Copies the original text of `node` where the printer is, with its identity mappings. */
  const copy = (node: ts.Node): void => {
    const start = node.getStart(original);
    const end = node.end;
    let piece = text.slice(start, end);
    if ((ts.isStatement(node) || ts.isClassElement(node)) && endsWithStatementSemicolon(node) && text.charCodeAt(end - 1) !== 59 /* ; */) piece += ';';
    if (mappings) {
      // A segment at every token start (every word start and every other non-space character):
      // an identity map may have more segments than tokens (inside strings and comments), never
      // fewer. First the line of `start`, by binary search.
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= start) lo = mid;
        else hi = mid - 1;
      }
      let srcLine = lo;
      let srcLineStart = lineStarts[lo];
      let genLine = line;
      let genLineStart = lineStartPos - length; // relative to the piece: the piece starts at `length`
      let prevWord = false;
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        if (isLineBreak(text, i)) {
          srcLine++;
          srcLineStart = i + 1;
          genLine++;
          genLineStart = i - start + 1;
          prevWord = false;
          continue;
        }
        if (isSpace(c)) {
          prevWord = false;
          continue;
        }
        const word = isWordChar(c);
        if (!(word && prevWord)) mappings.add(genLine, i - start - genLineStart, srcLine, i - srcLineStart);
        prevWord = word;
      }
    }
    append(piece);
    trailingComment = false;
  };
  const write = (s: string): void => {
    if (!s) return;
    // The stand-in for a copied subtree (substituteNode below) is written as an identifier.
    const node = s.charCodeAt(0) === PLACEHOLDER_CODE ? chunks[Number(s.slice(1))] : undefined;
    if (node !== undefined) {
      indentText();
      copy(node);
      return;
    }
    const replacement = options.replacements?.get(s);
    trailingComment = false;
    indentText();
    append(replacement ?? s);
  };
  const writeComment = (s: string): void => {
    if (!s) return;
    indentText();
    append(s);
    trailingComment = true;
  };
  const writer = {
    write,
    rawWrite: (s: string | undefined) => {
      if (s !== undefined) {
        append(s);
        trailingComment = false;
      }
    },
    writeLiteral: write,
    writeLine: (force?: boolean) => {
      if (!atLineStart || force) {
        append('\n');
        atLineStart = true;
        trailingComment = false;
      }
    },
    increaseIndent: () => void indent++,
    decreaseIndent: () => void indent--,
    getIndent: () => indent,
    getTextPos: () => length,
    getLine: () => line,
    getColumn: () => (atLineStart ? indent * 4 : length - lineStartPos),
    getText: () => parts.join(''),
    isAtStartOfLine: () => atLineStart,
    hasTrailingComment: () => trailingComment,
    hasTrailingWhitespace: () => parts.length > 0 && /\s$/.test(parts[parts.length - 1]),
    clear: () => {
      throw new Error('splicePrint: the writer is not reusable');
    },
    writeKeyword: write,
    writeOperator: write,
    writeParameter: write,
    writeProperty: write,
    writePunctuation: write,
    writeSpace: write,
    writeStringLiteral: write,
    writeSymbol: (s: string) => write(s),
    writeTrailingSemicolon: write,
    writeComment,
  };
  // The printer's own mappings (what it writes for nodes that carry an original range).
  const generator = {
    getSources: () => [original.fileName],
    addSource: () => 0,
    setSourceContent: () => undefined,
    addName: () => 0,
    addMapping: (genLine: number, genColumn: number, _source: number, srcLine: number, srcColumn: number) => mappings?.add(genLine, genColumn, srcLine, srcColumn),
    appendSourceMap: () => undefined,
    toJSON: () => undefined,
    toString: () => '',
  };
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }, {
    substituteNode(_hint, node) {
      // A node the parser made (not the factory) is unchanged, and so is everything under it.
      if ((node.flags & ts.NodeFlags.Synthesized) === 0 && node.pos >= 0 && node.parent !== undefined && !PRINTED_WHOLE.has(node.kind)) {
        chunks.push(node);
        return ts.factory.createIdentifier(PLACEHOLDER + (chunks.length - 1));
      }
      return node;
    },
  }) as unknown as PrinterInternals;
  printer.writeFile(transformed, writer, options.sourceMap ? generator : undefined);
  return { code: parts.join(''), ...(mappings ? { mappings: mappings.toString() } : {}) };
}
