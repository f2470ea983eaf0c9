/**
 * Visualize one test: find the tests of a file (TypeScript's parser, not a regular expression),
 * tell which framework it uses, and turn the file into a program that runs only the chosen
 * test inside the simulation. Pure (no `vscode`, no DOM): the CLI (`run --test`) and the
 * CodeLens use it.
 *
 * What can run inside the simulation, and why:
 * - **mocha** (BDD `describe`/`it`, TDD `suite`/`test`): mocha is plain JavaScript from the
 *   project's node_modules. Bundled with the test file, it runs in the sandbox on the simulated
 *   loop — its runner's `setImmediate`, its timeouts and the tests' promises are the
 *   simulation's, so its hooks, the test and its tasks are on the timeline, in virtual time (a
 *   2000 ms mocha timeout is 2000 ms of virtual time). `mochaProgram` wraps the file's own text:
 *   a prelude on its first line (no line moves) and the run after its last.
 * - **node:test** can, on the Node lines whose runner has been ported (NODE_TEST_LINES): its
 *   runner is Node's own lib/internal/test_runner of that line, run inside the sandbox
 *   (src/core/node/testrunner), so its `setImmediate`, its `beforeExit` report and the tests'
 *   promises are the simulation's. `nodeTestExecArgv` selects the test the way
 *   `node --test-name-pattern=<pattern> <file>` does: the pattern is in the program's
 *   `process.execArgv` from the start of the run, where the runner reads its options. On another line the run refuses
 *   node:test with a sentence naming the lines that have it.
 * - **vitest**, **jest**, **bun:test**: their runners run test files in workers of their own with
 *   their own module loaders; none of that has been made to run inside the simulation.
 */
import * as ts from 'typescript';
import { NODE_TEST_LINES } from '../node/modules';

export type TestFramework = 'mocha' | 'node:test' | 'vitest' | 'jest' | 'bun:test';

export const SUPPORTED_FRAMEWORKS: readonly TestFramework[] = ['mocha', 'node:test'];


/** One `describe`/`it`/… call with a literal title. */
export interface TestCase {
  kind: 'suite' | 'test';
  /** The call's name: `describe`, `it`, `test`, `suite`, `context`, `specify`. */
  call: string;
  title: string;
  /** Mocha's full title: the enclosing suites' titles and this one, joined by spaces. */
  fullTitle: string;
  /** 1-based line and column of the call. */
  line: number;
  column: number;
}

const SUITE_CALLS = new Set(['describe', 'context', 'suite']);
const TEST_CALLS = new Set(['it', 'test', 'specify']);

/** The framework a file uses, from its imports (a file with no import of one uses mocha's globals). */
export function detectFramework(source: string): TestFramework {
  const from = (name: string): boolean => new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*)['"]${name.replace(/[/]/g, '\\/')}['"]`).test(source);
  if (from('node:test')) return 'node:test';
  if (from('vitest')) return 'vitest';
  if (from('@jest/globals')) return 'jest';
  if (from('bun:test')) return 'bun:test';
  return 'mocha';
}

/**
 * Why a framework cannot be visualized, naming what can; undefined when it can. `nodeMajor`, the
 * line the run imitates, matters for node:test (its runner is ported line by line).
 */
export function unsupportedMessage(framework: TestFramework, nodeMajor?: number): string | undefined {
  switch (framework) {
    case 'mocha':
      return undefined;
    case 'node:test':
      return nodeMajor === undefined || NODE_TEST_LINES.includes(nodeMajor)
        ? undefined
        : `node:test runs inside the simulation for Node ${NODE_TEST_LINES.join(', ')}, not for Node ${nodeMajor} (its runner is Node’s own, ported line by line). Choose one of those lines (--node, or the asyncTimeline.node setting).`;
    default:
      return `${framework} cannot run inside the simulation: its runner runs test files in workers of its own, with its own module loader, which has not been made to run in the simulation. Supported: mocha (describe/it, suite/test) and node:test.`;
  }
}

/** Every describe/it/test/… call with a literal title, outermost first, with mocha's full titles. */
export function findTests(source: string, fileName = 'test.ts'): TestCase[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, /\.[cm]?jsx?$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const out: TestCase[] = [];
  const visit = (node: ts.Node, parents: string[]): void => {
    if (ts.isCallExpression(node)) {
      const call = calleeName(node.expression);
      const first = node.arguments[0];
      if (call && (SUITE_CALLS.has(call) || TEST_CALLS.has(call)) && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        const kind = SUITE_CALLS.has(call) ? 'suite' : 'test';
        const title = first.text;
        const pos = file.getLineAndCharacterOfPosition(node.getStart(file));
        out.push({ kind, call, title, fullTitle: [...parents, title].join(' '), line: pos.line + 1, column: pos.character + 1 });
        const inner = kind === 'suite' ? [...parents, title] : parents;
        for (const arg of node.arguments.slice(1)) visit(arg, inner);
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, parents));
  };
  visit(file, []);
  return out;
}

/** `describe`, `describe.only`, `it.skip` → the base name. */
function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) && ['only', 'skip'].includes(expr.name.text)) return expr.expression.text;
  return undefined;
}

/** Mocha's grep for exactly this test, or every test of this suite (a `/regex/` string). */
export function grepFor(test: Pick<TestCase, 'kind' | 'fullTitle'>): string {
  const escaped = test.fullTitle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return test.kind === 'suite' ? `/^${escaped} /` : `/^${escaped}$/`;
}

/**
 * The test file as a program that runs only the tests whose full title matches `grep` (mocha's
 * `--grep`: a substring, or a `/regex/`), with mocha's spec reporter. The file's own lines stay
 * where they are: the set-up goes in front of line 1, the run after the last line.
 */
export function mochaProgram(source: string, grep: string): string {
  const g = JSON.stringify(grep);
  const prelude = [
    // Mocha ≥ 11 reads process.features.require_module; the sandbox's process has no `features`.
    'var __atProcess = process; if (!__atProcess.features) __atProcess.features = {};',
    "var __atMochaModule = require('mocha'); var __atMocha = new (__atMochaModule.default || __atMochaModule)({ reporter: 'spec', color: false });",
    `__atMocha.grep(${g});`,
    '__atMocha.suite.emit("pre-require", globalThis, __filename, __atMocha);',
  ].join(' ');
  const run = [
    ';var __atRunner = __atMocha.run(function (failures) { process.exitCode = failures || __atRunner.total === 0 ? 1 : 0; });',
    `if (__atRunner.total === 0) process.stderr.write("async-timeline: no test in this file matches " + ${g} + " (mocha's --grep on the full title)\\n");`,
  ].join(' ');
  // A shebang line becomes a comment after the set-up (a `#!` is only allowed first).
  const body = source.startsWith('#!') ? ` //${source.slice(2)}` : ` ${source}`;
  return `${prelude}${body}\n${run}\n`;
}

/**
 * node:test's name pattern for exactly this test, or this suite and its tests, on the imitated
 * line. Node 22+ matches `--test-name-pattern` against a test's name after its suites' names;
 * Node 20 against the test's (or suite's) own name only, so the full title selects nothing
 * nested there. A suite's tests run when their suite matches; the suites around a matching test
 * are kept. (Node 20 also runs a same-named test of another suite: its runner cannot tell.)
 */
export function nodeTestPatternFor(test: Pick<TestCase, 'fullTitle' | 'title'>, nodeMajor: number): string {
  const name = nodeMajor < 22 ? test.title : test.fullTitle;
  return `/^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$/`;
}

/**
 * Whether some test found in the file matches a `--test-name-pattern` (a `/regex/flags` or a
 * regex source, as Node reads it) by its name or its name with its suites'. Tests with
 * computed names are not found, so false means "none that can be seen in the source".
 */
export function someNodeTestMatches(tests: readonly TestCase[], pattern: string): boolean {
  const m = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  let re: RegExp;
  try {
    re = new RegExp(m ? m[1] : pattern, m ? m[2] : '');
  } catch {
    return false;
  }
  return tests.some((t) => re.test(t.title) || re.test(t.fullTitle));
}

/**
 * Whether some test found in the file matches mocha's `--grep` (what `Mocha#grep` makes of a
 * string: a `/regex/flags`, or else the string as a regex source) by its full title, as mocha's
 * runner matches it. Tests with computed titles are not found: false means "none that can be seen
 * in the source".
 */
export function someMochaTestMatches(tests: readonly TestCase[], grep: string): boolean {
  const m = /^\/(.*)\/([a-z]*)$/.exec(grep);
  let re: RegExp;
  try {
    re = new RegExp(m ? m[1] : grep, m ? m[2] : '');
  } catch {
    return false;
  }
  return tests.some((t) => t.kind === 'test' && re.test(t.fullTitle));
}

/**
 * The Node options of `node --test-name-pattern=<pattern> <file>`: the run's `execArgv`
 * (RunOptions.execArgv), the program's `process.execArgv` before any of its modules evaluates.
 * The file itself runs unchanged. (Not a line of the program: an ES module's imports evaluate
 * before its first line, and Node 20's runner reads the pattern when `node:test` loads.)
 */
export function nodeTestExecArgv(pattern: string): string[] {
  return [`--test-name-pattern=${pattern}`];
}
