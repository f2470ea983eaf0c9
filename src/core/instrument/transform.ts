/**
 * The instrumenting transformer: a `before` transformer for TypeScript's emit that rewrites
 * every async construct into the shapes of `runtime/instrumentation-api.ts` (see there).
 *
 * Why our own visitor and not TypeScript's `transformES2017`/`transformES2018`: those lower to
 * `__awaiter`/`__asyncGenerator` helpers built on the native `Promise` and lose the await
 * sites; the shapes we need are simpler (the runtime's driver does what `__awaiter` does), and
 * the `this`/`arguments` capture comes for free because the runtime calls the generator with
 * `body.apply(thisArg, args)`. Only `super` needs capturing — a generator function expression
 * has no home object — which we do like TypeScript does, with an arrow helper in the method.
 *
 * The visitor is table-driven: `handlers` maps a SyntaxKind to the function that rewrites it;
 * everything else is visited structurally. A stack of frames says what kind of function the
 * visitor is inside (async body, generator, plain function, non-async arrow, module top level).
 */
import ts from './typescript';
import { INSTRUMENTATION_GLOBAL, type SiteKind, type SiteRow } from '../runtime/instrumentation-api';
import { expressionLabel, functionName, loopLabel, position } from './labels';
import { lowerForAwait } from './for-await';
import { wrapTopLevelAwait } from './module-tla';
import { keepTopLevelNames } from './top-level-names';
import { functionSource, hasModifier, mentions, namedByKey, namedEvaluationName, staticKey } from './async-shape';

/** Name of the per-file variable holding the id of the file's site 0. */
export const SITES_VAR = '__at$s';
/**
 * A file-local alias of the runtime global: in a `vm` context every global lookup goes through
 * the contextified global object's interceptors, which made each `$.await(…)` several times
 * slower than a local read (measured: 1M awaits 5.5× native with the global, ~1× with a local).
 */
export const API_VAR = '__at$';
/** Sandbox global that receives the entry module's evaluation promise when it uses top-level await. */
export const TLA_GLOBAL = '__asyncTimeline$main';
const SUPER_GET = '__at$superGet';
const SUPER_SET = '__at$superSet';

export interface TransformOptions {
  /** The file name as the user knows it; recorded in the site table. */
  displayName: string;
  /** Insert `$.loop(site)` probes at loop back-edges (default true). */
  loopProbes?: boolean;
  /** The file's real path, for `import.meta` (default: displayName). */
  realPath?: string;
  /**
   * Make the file an ES module record (runtime/modules.ts): its statements become
   * `$.moduleRecord(realPath, hasTLA, function* () { … }, S)`, run later by the module evaluator.
   */
  moduleRecord?: boolean;
  /**
   * An identifier printed in place of the site rows (the array of every site's
   * `[line, column, kind, label]`); the caller puts the rows in as text after printing
   * (index.ts `instrumentSource`). Printing thousands of small literals through TypeScript's
   * printer, each with its source-map bookkeeping, was a fifth of a large file's output and of
   * its instrumentation time. Must not occur in the source text.
   */
  siteRowsPlaceholder?: string;
}

type FrameKind = 'module' | 'async' | 'asyncGenerator' | 'generator' | 'function' | 'arrow';
interface Frame {
  kind: FrameKind;
  /** Set on async frames whose generator lost access to `super`. */
  superCapture?: { get: boolean; set: boolean };
  /**
   * An async arrow's body runs in a generator, which has an `arguments` of its own: the
   * enclosing function's is captured in the arrow as this variable and read through it.
   */
  argumentsAlias?: ts.Identifier;
  /** The module frame's first top-level await / for await (its node). */
  topLevelAwait?: ts.Node;
}

type Handler = (node: any, v: Instrumenter) => ts.VisitResult<ts.Node | undefined>;

function isAsync(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

function withoutAsync(mods: ts.NodeArray<ts.ModifierLike> | undefined): ts.ModifierLike[] | undefined {
  return mods?.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword);
}

/** Does the node (a function body) use `this`/`super` (or `arguments`) of its enclosing scope? Stops at non-arrow functions and classes. */
function usesLexical(node: ts.Node, what: 'this' | 'arguments'): boolean {
  let found = false;
  const walk = (n: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) return;
    if (ts.isClassLike(n)) return;
    if (what === 'this' && (n.kind === ts.SyntaxKind.ThisKeyword || n.kind === ts.SyntaxKind.SuperKeyword)) found = true;
    else if (what === 'arguments' && ts.isIdentifier(n) && n.text === 'arguments' && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) found = true;
    else ts.forEachChild(n, walk);
  };
  if (ts.isFunctionLike(node) && !ts.isArrowFunction(node)) ts.forEachChild(node, walk);
  else walk(node);
  return found;
}

export class Instrumenter {
  readonly f: ts.NodeFactory;
  readonly sites: SiteRow[] = [];
  /** The file mentions `import.meta`. */
  usesImportMeta = false;
  private readonly frames: Frame[] = [];
  /**
   * Statements to put first in the statement list being visited (hoisted async function
   * declarations, see async-shape.ts), by the original Block / SourceFile.
   */
  readonly hoisted = new Map<ts.Node, ts.Statement[]>();
  /** `$.methods` rows of async methods, by their original object literal / class. */
  readonly methodRows = new Map<ts.Node, ts.Expression[]>();

  constructor(
    readonly context: ts.TransformationContext,
    readonly sf: ts.SourceFile,
    readonly options: TransformOptions,
  ) {
    this.f = context.factory;
  }

  readonly visit = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
    const handler = handlers[node.kind];
    return handler ? handler(node, this) : ts.visitEachChild(node, this.visit, this.context);
  };

  get frame(): Frame {
    return this.frames[this.frames.length - 1];
  }

  inFrame<T>(frame: Frame, fn: () => T): T {
    this.frames.push(frame);
    try {
      return fn();
    } finally {
      this.frames.pop();
    }
  }

  /** Adds a site row for an original node; returns its index in the file's table. */
  addSite(node: ts.Node, kind: SiteKind, label: string): number {
    const [line, column] = position(node, this.sf);
    this.sites.push([line, column, kind, label]);
    return this.sites.length - 1;
  }

  /** `$s + k`: the runtime id of the file's site k. */
  siteExpr(k: number): ts.Expression {
    const base = this.f.createIdentifier(SITES_VAR);
    return k === 0 ? base : this.f.createAdd(base, this.f.createNumericLiteral(k));
  }

  /** `__at$.name(...args)` (the file-local alias of the runtime global). */
  api(name: string, args: ts.Expression[]): ts.Expression {
    return this.f.createCallExpression(this.f.createPropertyAccessExpression(this.f.createIdentifier(API_VAR), name), undefined, args);
  }

  /** The capture to use for `super` here: the nearest enclosing async frame, looking through plain arrows. */
  superCapture(): Frame['superCapture'] {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const fr = this.frames[i];
      if (fr.kind === 'arrow') continue;
      return fr.superCapture;
    }
    return undefined;
  }

  /** What `arguments` means here: the alias of the nearest enclosing async arrow, looking through plain arrows, else `arguments`. */
  argumentsRef(): ts.Identifier {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const fr = this.frames[i];
      if (fr.kind === 'arrow') continue;
      return fr.argumentsAlias ?? this.f.createIdentifier('arguments');
    }
    return this.f.createIdentifier('arguments');
  }

  /** Visits one node that must stay one node of the given kind (our handlers never delete). */
  one<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T {
    return ts.visitNode(node, this.visit, test) as T;
  }

  visitBlock(block: ts.Block): ts.Block {
    return this.one(block, ts.isBlock);
  }
}

// ---------------------------------------------------------------------------------------------
// Functions

type AnyFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** Plain functions, constructors, accessors, class bodies: a frame barrier, nothing rewritten. */
function plainFrame(kind: FrameKind): Handler {
  return (node: ts.Node, v) => v.inFrame({ kind }, () => ts.visitEachChild(node, v.visit, v.context));
}

/**
 * `({ "count": function* () {…} })["count"]`: the generator gets the user's function name for
 * stack traces (`at count (file.ts:3:9)`, `at Server.handle (…)`) without a binding that would
 * shadow the real `count` inside the body.
 */
function namedForStacks(f: ts.NodeFactory, taskName: string, gen: ts.FunctionExpression): ts.Expression {
  // An anonymous function's task name is `<anonymous> file.js:3`: V8 prints no name for it (the
  // part after the last dot, `js:3`, would show as `at js:3 (…)`).
  if (taskName.startsWith('<') || taskName.startsWith('[')) return gen;
  const name = taskName.slice(taskName.lastIndexOf('.') + 1);
  if (!name || name.startsWith('<') || name.startsWith('[')) return gen;
  const holder = f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), gen)]));
  return f.createElementAccessExpression(holder, f.createStringLiteral(name));
}

function visitFunction(node: AnyFunction, v: Instrumenter): ts.VisitResult<ts.Node | undefined> {
  if (!node.body) return node; // overload signature or abstract method: types only
  const generator = !!node.asteriskToken;
  if (!isAsync(node)) {
    const kind: FrameKind = generator ? 'generator' : ts.isArrowFunction(node) ? 'arrow' : 'function';
    const visited = v.inFrame({ kind }, () => ts.visitEachChild(node, v.visit, v.context));
    return keepInferredName(node, visited as ts.Expression, v);
  }
  const { f } = v;
  const isArrow = ts.isArrowFunction(node);
  const taskName = functionName(node, v.sf);
  const site = v.addSite(node, 'function', taskName);
  // A computed method name is evaluated outside the function.
  const name = ts.isMethodDeclaration(node) ? v.one(node.name, ts.isPropertyName) : undefined;
  const frame: Frame = { kind: generator ? 'asyncGenerator' : 'async', superCapture: { get: false, set: false } };
  // What `arguments` is outside this arrow (resolved before the arrow's own frame is pushed).
  const outerArguments = isArrow && usesLexical(node, 'arguments') ? v.argumentsRef() : undefined;
  if (outerArguments) frame.argumentsAlias = f.createUniqueName('__at$arguments');
  const { params, body } = v.inFrame(frame, () => {
    const params = ts.visitNodes(node.parameters, v.visit, ts.isParameter);
    const body = ts.isBlock(node.body!)
      ? v.visitBlock(node.body!)
      : f.createBlock([f.createReturnStatement(v.one(node.body!, ts.isExpression))], true);
    return { params, body };
  });

  // Arrows keep their own parameters (they have no `arguments` to forward), so the generator
  // takes none; functions forward theirs, and the generator re-declares the full list so
  // defaults and destructuring are evaluated inside the task (their errors reject).
  // An arrow whose parameters are not all simple names takes them in the generator too, so a
  // throwing default rejects (§15.9.4 AsyncArrowFunction: parameters are evaluated in the
  // AsyncFunctionStart): the arrow keeps the simple names before the first default (its
  // `length`) and passes the rest on.
  const simpleArrow = isArrow && node.parameters.every((p) => ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken);
  const genParams = isArrow && simpleArrow ? [] : params;
  const gen = namedForStacks(f, taskName, f.createFunctionExpression(undefined, f.createToken(ts.SyntaxKind.AsteriskToken), undefined, undefined, genParams, undefined, body));
  const thisArg = !isArrow || usesLexical(node.body, 'this') ? f.createThis() : f.createVoidZero();
  let arrowParams: ts.ParameterDeclaration[] | ts.NodeArray<ts.ParameterDeclaration> = params;
  let args: ts.Expression = !isArrow ? f.createIdentifier('arguments') : f.createArrayLiteralExpression([]);
  if (isArrow && !simpleArrow) {
    const names: ts.Identifier[] = [];
    for (const p of node.parameters) {
      if (p.initializer || p.dotDotDotToken) break;
      // A pattern counts in `length` too: a stand-in name takes its place.
      names.push(ts.isIdentifier(p.name) ? f.createIdentifier(p.name.text) : f.createUniqueName('__at$param'));
    }
    const rest = f.createUniqueName('__at$rest');
    arrowParams = [...names.map((n) => f.createParameterDeclaration(undefined, undefined, n)), f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), rest)];
    args = f.createArrayLiteralExpression([...names, f.createSpreadElement(rest)]);
  }
  // An async generator function's objects inherit from its own `prototype` (§27.6.3.1
  // OrdinaryCreateFromConstructor(functionObject, …)): a shaped declaration or expression passes
  // itself, bound per evaluation (outerShape's `selfBound`). Methods and the unshaped plain-function
  // form pass nothing and their objects inherit from %AsyncGeneratorPrototype%.
  const self = generator && (ts.isFunctionExpression(node) || (ts.isFunctionDeclaration(node) && shapedDeclarationTarget(node, v) !== undefined))
    ? f.createUniqueName('__at$self')
    : undefined;
  const call = v.api(generator ? 'asyncGenerator' : 'async', [gen, thisArg, args, v.siteExpr(site), ...(self ? [self] : [])]);

  const prologue: ts.Statement[] = [];
  const helper = (id: string, params: string[], bodyExpr: ts.Expression) =>
    f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(id, undefined, undefined, f.createArrowFunction(undefined, undefined, params.map((p) => f.createParameterDeclaration(undefined, undefined, p)), undefined, undefined, bodyExpr))],
        ts.NodeFlags.Const,
      ),
    );
  if (outerArguments) {
    prologue.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(frame.argumentsAlias!, undefined, undefined, outerArguments)], ts.NodeFlags.Const)));
  }
  const superAt = () => f.createElementAccessExpression(f.createSuper(), f.createIdentifier('k'));
  if (frame.superCapture!.get) prologue.push(helper(SUPER_GET, ['k'], superAt()));
  if (frame.superCapture!.set) prologue.push(helper(SUPER_SET, ['k', 'v'], f.createParenthesizedExpression(f.createAssignment(superAt(), f.createIdentifier('v')))));
  // A body with its own "use strict" makes the function strict, also its `this` when called plainly
  // (undefined, not the global object): the outer function, which passes `this` on, must say it too.
  const ownStrict = hasUseStrictDirective(node.body) ? [f.createExpressionStatement(f.createStringLiteral('use strict'))] : [];
  const outerBody = f.createBlock([...ownStrict, ...prologue, f.createReturnStatement(call)], true);

  // Outer parameters: one per parameter before the first default/rest, so `fn.length` is kept.
  // The outer function is a method, whose parameter names must be unique: a repeated name (legal
  // in a sloppy `async function f(a, a)`) gets a stand-in; the generator has the real list.
  const outerParams: ts.ParameterDeclaration[] = [];
  const seen = new Set<string>();
  for (const p of node.parameters) {
    if (p.initializer || p.dotDotDotToken) break;
    if (ts.isIdentifier(p.name) && p.name.text === 'this') continue;
    // A pattern counts in `length` too (a stand-in name); a repeated name gets a stand-in.
    const text = ts.isIdentifier(p.name) ? p.name.text : undefined;
    const id = text === undefined ? f.createUniqueName('__at$param') : seen.has(text) ? f.createUniqueName('__at$dup') : f.createIdentifier(text);
    if (text !== undefined) seen.add(text);
    outerParams.push(f.createParameterDeclaration(undefined, undefined, id));
  }
  return outerShape(node, v, { generator, params: arrowParams as ts.NodeArray<ts.ParameterDeclaration>, outerParams, outerBody, prologue, call, name, self });
}

/** Where a function declaration is hoisted as a shaped `var`/`let`, or undefined for the plain-function form. */
function shapedDeclarationTarget(node: ts.FunctionDeclaration, v: Instrumenter): ts.Statement[] | undefined {
  const hoistTo = node.parent && (ts.isBlock(node.parent) || ts.isSourceFile(node.parent)) ? v.hoisted.get(node.parent) : undefined;
  return hoistTo === undefined || hasModifier(node, ts.SyntaxKind.DeclareKeyword) ? undefined : hoistTo;
}

/** An anonymous function / arrow / class named by a binding keeps that name through the bundler (namedByKey). */
function keepInferredName(node: ts.Node, visited: ts.Node, v: Instrumenter): ts.Node {
  const anonymous = ts.isArrowFunction(node) || ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && !node.name);
  if (!anonymous) return visited;
  const name = namedEvaluationName(node, true);
  return name === undefined ? visited : namedByKey(v.f, name, visited as ts.Expression);
}

/** A method `{ "name"(params) { body } }["name"]`: not constructible, no `prototype`, named `name`. */
function methodExpression(f: ts.NodeFactory, name: string, params: ts.ParameterDeclaration[], body: ts.Block): ts.Expression {
  const key = f.createStringLiteral(name);
  const method = f.createMethodDeclaration(undefined, undefined, key, undefined, undefined, params, undefined, body);
  return f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([method])), f.createStringLiteral(name));
}

/** The rewritten function in the shape of async-shape.ts (an async function's face). */
function outerShape(
  node: AnyFunction,
  v: Instrumenter,
  parts: {
    generator: boolean;
    params: ts.NodeArray<ts.ParameterDeclaration>;
    outerParams: ts.ParameterDeclaration[];
    outerBody: ts.Block;
    prologue: ts.Statement[];
    call: ts.Expression;
    name: ts.PropertyName | undefined;
    /** The name the body passes as the function itself (async generator declarations and expressions). */
    self: ts.Identifier | undefined;
  },
): ts.VisitResult<ts.Node | undefined> {
  const { f } = v;
  const { generator, outerParams, outerBody, self } = parts;
  const kind = f.createNumericLiteral(generator ? 1 : 0);
  const source = f.createStringLiteral(functionSource(node, v.sf));
  // `((self) => self = $.fn(…))()`: a binding per evaluation, so each function object created by
  // this code (a factory called twice) sees itself, not the latest one.
  const selfBound = (fn: ts.Expression) => self === undefined ? fn : f.createCallExpression(f.createParenthesizedExpression(
    f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, self)], undefined, undefined, f.createAssignment(self, fn)),
  ), undefined, []);
  const shaped = (fn: ts.Expression) => selfBound(v.api('fn', [fn, kind, source]));
  const mods = withoutAsync(node.modifiers);

  if (ts.isMethodDeclaration(node)) {
    // Stays a method; the owner shapes it once it exists (visitMethodOwner). Computed and private
    // names cannot be looked up again and stay unshaped.
    const key = staticKey(node.name);
    const owner = node.parent;
    if (key !== undefined && (ts.isObjectLiteralExpression(owner) || ts.isClassLike(owner))) {
      const isStatic = ts.isClassLike(owner) && hasModifier(node, ts.SyntaxKind.StaticKeyword);
      const row = f.createArrayLiteralExpression([f.createStringLiteral(key), kind, source, f.createNumericLiteral(ts.isObjectLiteralExpression(owner) || isStatic ? 1 : 0)]);
      const rows = v.methodRows.get(owner) ?? [];
      rows.push(row);
      v.methodRows.set(owner, rows);
    }
    return f.updateMethodDeclaration(node, mods, undefined, parts.name!, node.questionToken, undefined, outerParams, undefined, outerBody);
  }

  if (ts.isFunctionDeclaration(node)) {
    const hoistTo = shapedDeclarationTarget(node, v);
    if (hoistTo === undefined) {
      // A declaration in a `case` or a namespace: the plain-function form (not shaped).
      return f.updateFunctionDeclaration(node, mods, undefined, node.name, undefined, outerParams, undefined, outerBody);
    }
    const isExport = hasModifier(node, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(node, ts.SyntaxKind.DefaultKeyword);
    const fnName = node.name?.text ?? 'default';
    const binding = node.name ? f.createIdentifier(node.name.text) : f.createUniqueName('__at$default');
    // Function-level declarations are var-scoped; in a nested block an async function
    // declaration is lexical even in sloppy code (Annex B.3.3 is for plain functions only).
    const lexical = ts.isBlock(node.parent) && !ts.isFunctionLike(node.parent.parent);
    const decl = f.createVariableDeclarationList([f.createVariableDeclaration(binding, undefined, undefined, shaped(methodExpression(f, fnName, outerParams, outerBody)))], lexical ? ts.NodeFlags.Let : ts.NodeFlags.None);
    hoistTo.push(f.createVariableStatement(isExport && !isDefault ? [f.createModifier(ts.SyntaxKind.ExportKeyword)] : undefined, decl));
    if (isDefault) hoistTo.push(f.createExportDeclaration(undefined, false, f.createNamedExports([f.createExportSpecifier(false, binding, 'default')])));
    return undefined;
  }

  if (ts.isFunctionExpression(node)) {
    const name = node.name?.text ?? namedEvaluationName(node) ?? '';
    const expr = shaped(methodExpression(f, name, outerParams, outerBody));
    if (!node.name || !mentions(node.body!, name) && !node.parameters.some((p) => mentions(p, name))) return expr;
    // A named function expression sees itself by its name: `(() => { const f = …; return f; })()`.
    const binding = f.createIdentifier(name);
    const iife = f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock([
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(binding, undefined, undefined, expr)], ts.NodeFlags.Const)),
      f.createReturnStatement(binding),
    ], true));
    return f.createCallExpression(f.createParenthesizedExpression(iife), undefined, []);
  }

  const arrowBody = parts.prologue.length ? outerBody : parts.call;
  const arrow = f.updateArrowFunction(node, mods as ts.Modifier[] | undefined, undefined, parts.params, undefined, node.equalsGreaterThanToken, arrowBody);
  const name = namedEvaluationName(node);
  if (name === undefined) return shaped(arrow);
  const holder = f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), arrow)]));
  return shaped(f.createElementAccessExpression(holder, f.createStringLiteral(name)));
}

/** Statement lists that take hoisted async function declarations: blocks (and function bodies). */
function visitBlockNode(node: ts.Block, v: Instrumenter): ts.Block {
  const hoisted: ts.Statement[] = [];
  v.hoisted.set(node, hoisted);
  const visited = ts.visitEachChild(node, v.visit, v.context);
  v.hoisted.delete(node);
  if (!hoisted.length) return visited;
  return v.f.updateBlock(visited, withHoisted(visited.statements, hoisted));
}

/** Whether a function body's directive prologue has "use strict". */
function hasUseStrictDirective(body: ts.ConciseBody | undefined): boolean {
  if (body === undefined || !ts.isBlock(body)) return false;
  for (const statement of body.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    // (An escaped `'use\x20strict'` is no directive, but reads the same here: not worth a source lookup.)
    if (statement.expression.text === 'use strict') return true;
  }
  return false;
}

/** `hoisted` first, after any directive prologue ("use strict" must stay first). */
export function withHoisted(statements: readonly ts.Statement[], hoisted: ts.Statement[]): ts.Statement[] {
  let i = 0;
  while (i < statements.length && ts.isExpressionStatement(statements[i]) && ts.isStringLiteral((statements[i] as ts.ExpressionStatement).expression)) i++;
  return [...statements.slice(0, i), ...hoisted, ...statements.slice(i)];
}

/** An object literal or class with async methods: `$.methods(obj, rows)` / a first `static { $.methods(this, rows) }`. */
function visitMethodOwner(node: ts.ObjectLiteralExpression | ts.ClassLikeDeclaration, v: Instrumenter): ts.VisitResult<ts.Node> {
  const visited = ts.isClassLike(node) ? v.inFrame({ kind: 'function' }, () => ts.visitEachChild(node, v.visit, v.context)) : ts.visitEachChild(node, v.visit, v.context);
  const rows = v.methodRows.get(node);
  if (rows === undefined) return ts.isClassExpression(node) ? keepInferredName(node, visited, v) : visited;
  v.methodRows.delete(node);
  const { f } = v;
  const list = f.createArrayLiteralExpression(rows);
  if (ts.isObjectLiteralExpression(visited)) return v.api('methods', [visited, list]);
  const block = f.createClassStaticBlockDeclaration(f.createBlock([f.createExpressionStatement(v.api('methods', [f.createThis(), list]))], true));
  const members = [block, ...(visited as ts.ClassLikeDeclaration).members];
  if (ts.isClassDeclaration(visited)) return f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members);
  const c = visited as ts.ClassExpression;
  return keepInferredName(node, f.updateClassExpression(c, c.modifiers, c.name, c.typeParameters, c.heritageClauses, members), v);
}

// ---------------------------------------------------------------------------------------------
// await / yield

function visitAwait(node: ts.AwaitExpression, v: Instrumenter): ts.Expression {
  if (v.frame?.kind === 'module') v.frame.topLevelAwait ??= node;
  const site = v.addSite(node, 'await', expressionLabel(node.expression, v.sf));
  const operand = v.one(node.expression, ts.isExpression);
  return v.f.createParenthesizedExpression(v.f.createYieldExpression(undefined, v.api('await', [operand, v.siteExpr(site)])));
}

function visitYield(node: ts.YieldExpression, v: Instrumenter): ts.Expression {
  const { f } = v;
  const kind = v.frame?.kind;
  const operand = node.expression ? v.one(node.expression, ts.isExpression) : f.createVoidZero();
  if (kind === 'asyncGenerator') {
    const site = v.addSite(node, 'yield', (node.asteriskToken ? 'yield* ' : '') + expressionLabel(node.expression, v.sf));
    if (node.asteriskToken) return f.createParenthesizedExpression(f.createYieldExpression(f.createToken(ts.SyntaxKind.AsteriskToken), v.api('yieldStar', [operand, v.siteExpr(site)])));
    return f.createParenthesizedExpression(f.createYieldExpression(undefined, v.api('yield', [operand, v.siteExpr(site)])));
  }
  if (kind === 'generator' && !node.asteriskToken) {
    const site = v.addSite(node, 'yield', expressionLabel(node.expression, v.sf));
    return f.updateYieldExpression(node, undefined, v.api('syncYield', [operand, v.siteExpr(site)]));
  }
  return ts.visitEachChild(node, v.visit, v.context);
}

/**
 * `return expr` in an async generator: the operand is Awaited by the ReturnStatement itself
 * (§14.10.1), inside the body — so a try/catch/finally around it sees a rejection, and an
 * explicit `return undefined` costs its ticks. `return;` does not await.
 */
function visitReturn(node: ts.ReturnStatement, v: Instrumenter): ts.Statement {
  if (v.frame?.kind !== 'asyncGenerator' || node.expression === undefined) return ts.visitEachChild(node, v.visit, v.context);
  const { f } = v;
  const site = v.addSite(node, 'await', 'return ' + expressionLabel(node.expression, v.sf));
  const operand = v.one(node.expression, ts.isExpression);
  return f.updateReturnStatement(node, f.createParenthesizedExpression(f.createYieldExpression(undefined, v.api('await', [operand, v.siteExpr(site)]))));
}

// ---------------------------------------------------------------------------------------------
// Loops

function probe(node: ts.IterationStatement, v: Instrumenter): ts.Statement {
  const site = v.addSite(node, 'other', loopLabel(node, v.sf));
  return v.f.createExpressionStatement(v.api('loop', [v.siteExpr(site)]));
}

/** Puts `$.loop(S)` first in the loop body, so every iteration (the back-edge) passes it. */
function withProbe(body: ts.Statement, probeStmt: ts.Statement | undefined, v: Instrumenter): ts.Statement {
  if (!probeStmt) return body;
  if (ts.isBlock(body)) return v.f.updateBlock(body, [probeStmt, ...body.statements]);
  return v.f.createBlock(ts.isEmptyStatement(body) ? [probeStmt] : [probeStmt, body], true);
}

function visitLoop(node: ts.IterationStatement, v: Instrumenter): ts.VisitResult<ts.Node> {
  if (ts.isForOfStatement(node) && node.awaitModifier) return visitForAwait(node, v, undefined);
  const probeStmt = v.options.loopProbes === false ? undefined : probe(node, v);
  const visited = ts.visitEachChild(node, v.visit, v.context) as ts.IterationStatement;
  const body = withProbe(visited.statement, probeStmt, v);
  const f = v.f;
  if (ts.isForStatement(visited)) return f.updateForStatement(visited, visited.initializer, visited.condition, visited.incrementor, body);
  if (ts.isWhileStatement(visited)) return f.updateWhileStatement(visited, visited.expression, body);
  if (ts.isDoStatement(visited)) return f.updateDoStatement(visited, body, visited.expression);
  if (ts.isForInStatement(visited)) return f.updateForInStatement(visited, visited.initializer, visited.expression, body);
  if (ts.isForOfStatement(visited)) return f.updateForOfStatement(visited, visited.awaitModifier, visited.initializer, visited.expression, body);
  return visited;
}

function visitForAwait(node: ts.ForOfStatement, v: Instrumenter, label: ts.Identifier | undefined): ts.Statement {
  if (v.frame?.kind === 'module') v.frame.topLevelAwait ??= node;
  const site = v.addSite(node, 'for-await', expressionLabel(node.expression, v.sf));
  return lowerForAwait(v.f, {
    initializer: v.one(node.initializer, ts.isForInitializer),
    expression: v.one(node.expression, ts.isExpression),
    body: v.one(node.statement, ts.isStatement),
    label,
    api: (name, args) => v.api(name, args),
    site: () => v.siteExpr(site),
  });
}

function visitLabeled(node: ts.LabeledStatement, v: Instrumenter): ts.VisitResult<ts.Node> {
  // `outer: for await (…)` — the label must sit on the inner loop so `continue outer` works.
  if (ts.isForOfStatement(node.statement) && node.statement.awaitModifier) return visitForAwait(node.statement, v, node.label);
  return ts.visitEachChild(node, v.visit, v.context);
}

/** `arguments` inside an async arrow (or a plain arrow in one): the enclosing function's, through the alias. */
function visitIdentifier(node: ts.Identifier, v: Instrumenter): ts.Node {
  if ((node.text !== 'arguments' && node.text !== 'yield') || !node.parent) return node;
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node || ts.isPropertyAssignment(p) && p.name === node) return node;
  // `yield` as a name (sloppy code) would be a yield expression in the generator an async body
  // becomes: the file's every `yield` binding is renamed.
  if (node.text === 'yield') return ts.isShorthandPropertyAssignment(p) && p.name === node ? node : v.f.createIdentifier('__at$yield');
  if ((ts.isPropertyAccessExpression(p) && p.name === node) || ts.isPropertyAssignment(p) && p.name === node || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) return node;
  const ref = v.argumentsRef();
  return ref.text === 'arguments' ? node : ref;
}

/** `{ yield }` / `{ yield = d }` (sloppy code): the key stays `yield`, the binding is the renamed one. */
function visitShorthand(node: ts.ShorthandPropertyAssignment, v: Instrumenter): ts.Node {
  if (node.name.text !== 'yield') return ts.visitEachChild(node, v.visit, v.context);
  const { f } = v;
  const target: ts.Expression = f.createIdentifier('__at$yield');
  const init = node.objectAssignmentInitializer ? v.one(node.objectAssignmentInitializer, ts.isExpression) : undefined;
  return f.createPropertyAssignment('yield', init ? f.createAssignment(target, init) : target);
}

// ---------------------------------------------------------------------------------------------
// super inside async methods

function superKey(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, v: Instrumenter): ts.Expression {
  return ts.isPropertyAccessExpression(node) ? v.f.createStringLiteral(node.name.text) : v.one(node.argumentExpression, ts.isExpression);
}

function isSuperAccess(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  return (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.expression.kind === ts.SyntaxKind.SuperKeyword;
}

function visitSuperAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, v: Instrumenter): ts.VisitResult<ts.Node> {
  const cap = isSuperAccess(node) ? v.superCapture() : undefined;
  if (!cap) return ts.visitEachChild(node, v.visit, v.context);
  cap.get = true;
  return v.f.createCallExpression(v.f.createIdentifier(SUPER_GET), undefined, [superKey(node, v)]);
}

/** Calls whose schedule event records the call's site (`$.callSite(S)` before the call). */
const TIMER_CALLS = new Set(['setTimeout', 'setInterval', 'setImmediate']);

function visitCall(node: ts.CallExpression, v: Instrumenter): ts.VisitResult<ts.Node> {
  if (ts.isIdentifier(node.expression) && TIMER_CALLS.has(node.expression.text)) {
    const name = node.expression.text;
    const delay = name !== 'setImmediate' && node.arguments.length > 1 ? expressionLabel(node.arguments[1], v.sf) : '';
    const site = v.addSite(node, 'timer', `${name}(${delay})`);
    const call = ts.visitEachChild(node, v.visit, v.context);
    return v.f.createParenthesizedExpression(v.f.createComma(v.api('callSite', [v.siteExpr(site)]), call));
  }
  const cap = isSuperAccess(node.expression) ? v.superCapture() : undefined;
  if (!cap) return ts.visitEachChild(node, v.visit, v.context);
  // super.m(args) calls m with the method's `this`: `superGet("m").call(this, args)`.
  const fn = visitSuperAccess(node.expression as ts.PropertyAccessExpression, v) as ts.Expression;
  const args = ts.visitNodes(node.arguments, v.visit, ts.isExpression);
  return v.f.createCallExpression(v.f.createPropertyAccessExpression(fn, 'call'), undefined, [v.f.createThis(), ...args]);
}

function visitBinary(node: ts.BinaryExpression, v: Instrumenter): ts.VisitResult<ts.Node> {
  const cap = node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isSuperAccess(node.left) ? v.superCapture() : undefined;
  if (!cap) return ts.visitEachChild(node, v.visit, v.context);
  cap.set = true;
  const key = superKey(node.left as ts.PropertyAccessExpression, v);
  return v.f.createCallExpression(v.f.createIdentifier(SUPER_SET), undefined, [key, v.one(node.right, ts.isExpression)]);
}

// ---------------------------------------------------------------------------------------------
// Promise sites for the run's analysis (src/core/analysis): a call whose value an expression
// statement drops (`fetchUser(id);`) passes it to `$.discard(value, S)`, which records it when it
// is one of our promises (a floating promise, if nothing handles it later); `new Promise(…)`
// passes the promise to `$.promiseSite(p, S)`, which records where it was made. Node's own layer
// (files named `node:…`) is left alone: its sites would be noise in the program's answers.

/** `p.catch(f)` and `p.then(f, g)` handle the rejection: dropping their derived promise is the idiom. */
function handlesRejection(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  return name === 'catch' || (name === 'then' && call.arguments.length >= 2);
}

function visitExpressionStatement(node: ts.ExpressionStatement, v: Instrumenter): ts.VisitResult<ts.Node> {
  const call = node.expression;
  const visited = ts.visitEachChild(node, v.visit, v.context);
  if (v.options.displayName.startsWith('node:') || !ts.isCallExpression(call)) return visited;
  if (call.expression.kind === ts.SyntaxKind.SuperKeyword || call.expression.kind === ts.SyntaxKind.ImportKeyword || handlesRejection(call)) return visited;
  // Calls an earlier pass wrote (using.ts: `__asyncTimeline$.disposeScope(…)`) are not the program's.
  if (call.pos < 0 || isSynthesizedRuntimeCall(call)) return visited;
  const site = v.addSite(call, 'call', expressionLabel(call, v.sf));
  return v.f.updateExpressionStatement(visited, v.api('discard', [visited.expression, v.siteExpr(site)]));
}

function isSynthesizedRuntimeCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text.startsWith('__asyncTimeline$');
}

function visitNew(node: ts.NewExpression, v: Instrumenter): ts.VisitResult<ts.Node> {
  const visited = ts.visitEachChild(node, v.visit, v.context);
  if (v.options.displayName.startsWith('node:') || !ts.isIdentifier(node.expression) || node.expression.text !== 'Promise') return visited;
  const site = v.addSite(node, 'call', 'new Promise');
  return v.api('promiseSite', [visited, v.siteExpr(site)]);
}

// ---------------------------------------------------------------------------------------------
// import.meta: the bundle is CommonJS, where esbuild leaves `import.meta` empty; each file gets
// its own object with Node's fields instead.

const IMPORT_META = '__at$importMeta';

function visitMetaProperty(node: ts.MetaProperty, v: Instrumenter): ts.Expression {
  if (node.keywordToken !== ts.SyntaxKind.ImportKeyword) return node;
  v.usesImportMeta = true;
  return v.f.createIdentifier(IMPORT_META);
}

/** `file:///a/b%20c.ts` for `/a/b c.ts` (and `C:\x` → `file:///C:/x`), without Node's `url`. */
function fileUrl(file: string): string {
  const p = file.replace(/\\/g, '/');
  return 'file://' + (p.startsWith('/') ? '' : '/') + encodeURI(p).replace(/[?#]/g, encodeURIComponent);
}

function importMetaDeclaration(f: ts.NodeFactory, file: string): ts.Statement {
  const slash = file.replace(/\\/g, '/').lastIndexOf('/');
  const props = [
    f.createPropertyAssignment('url', f.createStringLiteral(fileUrl(file))),
    f.createPropertyAssignment('filename', f.createStringLiteral(file)),
    f.createPropertyAssignment('dirname', f.createStringLiteral(slash > 0 ? file.slice(0, slash) : '/')),
  ];
  return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(IMPORT_META, undefined, undefined, f.createObjectLiteralExpression(props))], ts.NodeFlags.None));
}

// ---------------------------------------------------------------------------------------------

const K = ts.SyntaxKind;
const handlers: Partial<Record<ts.SyntaxKind, Handler>> = {
  [K.FunctionDeclaration]: visitFunction,
  [K.FunctionExpression]: visitFunction,
  [K.ArrowFunction]: visitFunction,
  [K.MethodDeclaration]: visitFunction,
  [K.Constructor]: plainFrame('function'),
  [K.GetAccessor]: plainFrame('function'),
  [K.SetAccessor]: plainFrame('function'),
  [K.ClassStaticBlockDeclaration]: plainFrame('function'),
  [K.PropertyDeclaration]: plainFrame('function'),
  [K.AwaitExpression]: visitAwait,
  [K.YieldExpression]: visitYield,
  [K.ReturnStatement]: visitReturn,
  [K.ForStatement]: visitLoop,
  [K.ForInStatement]: visitLoop,
  [K.ForOfStatement]: visitLoop,
  [K.WhileStatement]: visitLoop,
  [K.DoStatement]: visitLoop,
  [K.LabeledStatement]: visitLabeled,
  [K.PropertyAccessExpression]: visitSuperAccess,
  [K.ElementAccessExpression]: visitSuperAccess,
  [K.CallExpression]: visitCall,
  [K.BinaryExpression]: visitBinary,
  [K.MetaProperty]: visitMetaProperty,
  [K.Block]: visitBlockNode,
  [K.Identifier]: visitIdentifier,
  [K.ShorthandPropertyAssignment]: visitShorthand,
  [K.ObjectLiteralExpression]: visitMethodOwner,
  [K.ClassDeclaration]: visitMethodOwner,
  [K.ClassExpression]: visitMethodOwner,
  [K.ExpressionStatement]: visitExpressionStatement,
  [K.NewExpression]: visitNew,
};

/**
 * The per-file transformer factory; `onSites` receives the file's site table when done, and
 * `onTopLevelAwait` the 1-based place of its first top-level await, if it has one.
 */
export function instrumentTransformer(
  options: TransformOptions,
  onSites?: (rows: SiteRow[]) => void,
  onTopLevelAwait?: (line: number, column: number) => void,
): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sf) => {
    const v = new Instrumenter(context, sf, options);
    const f = context.factory;
    const moduleFrame: Frame = { kind: 'module' };
    const hoisted: ts.Statement[] = [];
    v.hoisted.set(sf, hoisted);
    let statements = f.createNodeArray(keepTopLevelNames(f, v.inFrame(moduleFrame, () => ts.visitNodes(sf.statements, v.visit, ts.isStatement))));
    if (options.moduleRecord) {
      if (moduleFrame.topLevelAwait) {
        const at = sf.getLineAndCharacterOfPosition(moduleFrame.topLevelAwait.getStart(sf));
        onTopLevelAwait?.(at.line + 1, at.character + 1);
      }
      const base = sf.fileName.split(/[\\/]/).pop();
      const site = v.sites.push([1, 1, 'function', `<top-level> ${base}`]) - 1;
      const id = f.createStringLiteral(options.realPath ?? options.displayName);
      const tla = moduleFrame.topLevelAwait ? f.createTrue() : f.createFalse();
      statements = f.createNodeArray(wrapTopLevelAwait(f, statements, (gen) => v.api('moduleRecord', [id, tla, gen, v.siteExpr(site)])));
    } else if (moduleFrame.topLevelAwait) {
      const at = sf.getLineAndCharacterOfPosition(moduleFrame.topLevelAwait.getStart(sf));
      onTopLevelAwait?.(at.line + 1, at.character + 1);
      const base = sf.fileName.split(/[\\/]/).pop();
      const site = v.sites.push([1, 1, 'function', `<top-level> ${base}`]) - 1;
      statements = f.createNodeArray(wrapTopLevelAwait(f, statements, (gen) =>
          f.createAssignment(f.createIdentifier(TLA_GLOBAL), v.api('tla', [gen, v.siteExpr(site)])),
        ),
      );
    }
    // Hoisted async function declarations stay at module level even when the body moved into a
    // top-level-await coroutine: their values exist before any statement runs.
    if (hoisted.length) statements = f.createNodeArray(withHoisted(statements, hoisted));
    onSites?.(v.sites);
    const preamble: ts.Statement[] = v.usesImportMeta ? [importMetaDeclaration(f, options.realPath ?? options.displayName)] : [];
    if (v.sites.length === 0 && !preamble.length) return f.updateSourceFile(sf, statements);
    const rows = options.siteRowsPlaceholder !== undefined ? f.createIdentifier(options.siteRowsPlaceholder) : f.createArrayLiteralExpression(
      v.sites.map(([line, column, kind, label]) =>
        f.createArrayLiteralExpression([f.createNumericLiteral(line), f.createNumericLiteral(column), f.createStringLiteral(kind), f.createStringLiteral(label)]),
      ),
    );
    if (v.sites.length) preamble.push(f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList([
        f.createVariableDeclaration(API_VAR, undefined, undefined, f.createIdentifier(INSTRUMENTATION_GLOBAL)),
        f.createVariableDeclaration(SITES_VAR, undefined, undefined, v.api('sites', [f.createStringLiteral(options.displayName), rows])),
      ], ts.NodeFlags.None),
    ));
    // After the prologue ("use strict" must stay first).
    let i = 0;
    while (i < statements.length && ts.isExpressionStatement(statements[i]) && ts.isStringLiteral((statements[i] as ts.ExpressionStatement).expression)) i++;
    return f.updateSourceFile(sf, [...statements.slice(0, i), ...preamble, ...statements.slice(i)]);
  };
}
