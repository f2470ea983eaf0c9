/**
 * Function.prototype.toString of the program's own functions and classes: the text the user
 * wrote, as Node prints it.
 *
 * V8's text of a function is a slice of the script it was compiled from, and the sandbox runs the
 * bundle: esbuild's reprint of the instrumented files. So `g.toString()` printed the
 * instrumentation (`__at$.discard(console.log(x), __at$s)`), esbuild's formatting and a class's
 * naming block, where Node prints the file's own slice. A library that sends a function's text to
 * a worker (`new Worker(fn.toString(), { eval: true })`) then ran names that do not exist there.
 *
 * Here the slice is found in the bundle, its first character mapped back to the user's file
 * through the bundle's source map (BundleMaps), and the function or class that starts at that
 * place in the file — TypeScript's parse gives its exact end — is the text. A `.ts` file Node
 * strips is read as Node runs it (types blanked, positions kept: strip-types.ts); TypeScript the
 * simulator compiles keeps V8's text of the bundle (Node would print the compiler's output).
 * Looked up on a toString call only, and kept per text: nothing is paid per closure. Async
 * functions never come here: the instrumenter hands their text over (runtime/function-shape.ts).
 */
import ts from '../instrument/typescript';
import type { NodeMajor } from '../versions/targets';
import type { BundleMaps } from './stack-map';
import { strippedByNode, strippedText, type TypeScriptMode } from './strip-types';

export class FunctionSources {
  /** By V8's text: the user's text, or null when it is not a function of the program's files. */
  private readonly texts = new Map<string, string | null>();
  /** Each file's text as Node runs it, parsed (null: not one whose text Node would print). */
  private readonly files = new Map<string, { text: string; parsed: ts.SourceFile } | null>();

  constructor(
    private readonly bundles: BundleMaps,
    private readonly target: { nodeMajor?: NodeMajor; typescript?: TypeScriptMode },
  ) {}

  /** The user's text of a function whose V8 text is `generated`, if it is one of the program's. */
  textOf(generated: string): string | undefined {
    let text = this.texts.get(generated);
    if (text === undefined) {
      try {
        text = this.find(generated) ?? null;
      } catch {
        text = null; // V8's text is the answer
      }
      this.texts.set(generated, text);
    }
    return text ?? undefined;
  }

  private find(generated: string): string | undefined {
    const at = this.bundles.originalOfGenerated(generated);
    if (at === undefined) return undefined;
    const file = this.file(at.file);
    if (!file) return undefined;
    // Stripped TypeScript: the place may be a blanked type (`<T,>(v: T) => v`), the function after it.
    const offset = afterTrivia(file.text, file.parsed.getPositionOfLineAndCharacter(at.line - 1, at.column - 1));
    const node = functionStartingAt(file.parsed, offset);
    return node && file.text.slice(offset, node.end);
  }

  private file(name: string): { text: string; parsed: ts.SourceFile } | null {
    let file = this.files.get(name);
    if (file === undefined) {
      file = null;
      const source = this.bundles.sources.get(name);
      const typescript = /\.[cm]?tsx?$/.test(name);
      if (source !== undefined && (!typescript || strippedByNode(name, this.target.nodeMajor, this.target.typescript))) {
        const text = typescript ? strippedText(source, name) : source;
        file = { text, parsed: ts.createSourceFile(name, text, ts.ScriptTarget.ESNext, true, /\.[jt]sx$/.test(name) ? ts.ScriptKind.TSX : ts.ScriptKind.TS) };
      }
      this.files.set(name, file);
    }
    return file;
  }
}

/**
 * The outermost function or class that V8's text would start at `offset`: at its first token,
 * or (a method, accessor or class with modifiers: `static m() {}`, `export class C {}`) at the
 * first token after them, where V8's text of it begins.
 */
function functionStartingAt(file: ts.SourceFile, offset: number): ts.Node | undefined {
  const visit = (node: ts.Node): ts.Node | undefined => {
    if (offset < node.pos || offset >= node.end) return undefined;
    if (isFunctionOrClass(node) && (node.getStart(file) === offset || startAfterModifiers(node, file) === offset)) return node;
    return ts.forEachChild(node, visit);
  };
  return visit(file);
}

function isFunctionOrClass(node: ts.Node): boolean {
  return ts.isFunctionLike(node) && !ts.isFunctionTypeNode(node) && !ts.isConstructorTypeNode(node) && !ts.isMethodSignature(node)
    && !ts.isCallSignatureDeclaration(node) && !ts.isConstructSignatureDeclaration(node) && !ts.isIndexSignatureDeclaration(node)
    ? (node as ts.FunctionLikeDeclaration).body !== undefined || ts.isArrowFunction(node)
    : ts.isClassDeclaration(node) || ts.isClassExpression(node);
}

function startAfterModifiers(node: ts.Node, file: ts.SourceFile): number | undefined {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  const last = modifiers?.[modifiers.length - 1];
  return last && afterTrivia(file.text, last.end);
}

/** The first token's position from `offset` on: past blanks and comments. */
function afterTrivia(text: string, offset: number): number {
  const trivia = /(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;
  trivia.lastIndex = offset;
  trivia.exec(text);
  return trivia.lastIndex;
}
