/**
 * `run <file> --test "<pattern>"`: the file's tests whose name matches, run inside the
 * simulation (src/core/testing/tests.ts says what can run there and why) — mocha's tests by
 * mocha's `--grep` on the full title, node:test's by Node's own `--test-name-pattern`.
 * Everything that cannot be run is said in one sentence, with an exit code: 2 for what the tool
 * cannot do (a framework we do not run, mocha missing, node:test on a line not ported), 1 for a
 * file with no tests or (mocha) none matching.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { detectFramework, findTests, mochaProgram, nodeTestExecArgv, someMochaTestMatches, someNodeTestMatches, unsupportedMessage, type TestCase } from '../core/testing/tests';

export interface TestProgram {
  source: string;
  /** The run's Node options (RunOptions.execArgv): node:test's `--test-name-pattern`. */
  execArgv?: string[];
  /** Something to say on stderr before the run (the run goes on). */
  warning?: string;
  /**
   * Set when no test of the file with a literal name matches the pattern: why, in one sentence.
   * `run` runs the file anyway (as the framework would: a test with a computed name may match);
   * `explore` refuses (exploring a run of no test finds nothing).
   */
  matchesNone?: string;
}

/** "no test … matches" with the names there are, so a typo shows. */
function noMatchSentence(tests: readonly TestCase[], pattern: string, how: string): string {
  const names = tests.filter((t) => t.kind === 'test').map((t) => `“${t.fullTitle}”`);
  const some = names.length > 4 ? `${names.slice(0, 4).join(', ')} … (${names.length})` : names.join(', ');
  return `no test of this file with a literal name matches ${pattern} (${how}); its tests: ${some}`;
}

export function testProgram(file: string, pattern: string, nodeMajor: number): TestProgram | { error: string; exitCode: number } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, exitCode: 2 };
  }
  const framework = detectFramework(text);
  const unsupported = unsupportedMessage(framework, nodeMajor);
  if (unsupported) return { error: unsupported, exitCode: 2 };
  const tests = findTests(text, file);
  if (tests.length === 0) return { error: `${file} has no tests: no describe/it/suite/test call with a literal title.`, exitCode: 1 };
  if (framework === 'node:test') {
    // Node runs a file whose tests all miss the pattern and reports "tests 0"; say why first.
    const matchesNone = someNodeTestMatches(tests, pattern)
      ? undefined
      : noMatchSentence(tests, pattern, "node:test's --test-name-pattern: a test's name, or its name after its suites'");
    return { source: text, execArgv: nodeTestExecArgv(pattern), ...(matchesNone && { matchesNone, warning: `${matchesNone}; running it anyway.` }) };
  }
  try {
    createRequire(file).resolve('mocha');
  } catch {
    return { error: `mocha is not installed where ${file} can require it (npm install --save-dev mocha): --test runs mocha tests.`, exitCode: 2 };
  }
  // Mocha says "no test matches" itself when it runs; explore needs to know before.
  const matchesNone = someMochaTestMatches(tests, pattern) ? undefined : noMatchSentence(tests, pattern, "mocha's --grep on the full title");
  return { source: mochaProgram(text, pattern), ...(matchesNone && { matchesNone }) };
}
