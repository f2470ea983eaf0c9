/**
 * `run <file> --test "<pattern>"`: the file's mocha tests whose full title matches, run inside
 * the simulation (src/core/testing/tests.ts says what can run there and why). Everything that
 * cannot be run is said in one sentence, with an exit code: 2 for what the tool cannot do
 * (a framework we do not run, mocha missing), 1 for a file with no tests.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { detectFramework, findTests, mochaProgram, unsupportedMessage } from '../core/testing/tests';

export function testProgram(file: string, pattern: string): { source: string } | { error: string; exitCode: number } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, exitCode: 2 };
  }
  const framework = detectFramework(text);
  const unsupported = unsupportedMessage(framework);
  if (unsupported) return { error: unsupported, exitCode: 2 };
  if (findTests(text, file).length === 0) return { error: `${file} has no tests: no describe/it/suite/test call with a literal title.`, exitCode: 1 };
  try {
    createRequire(file).resolve('mocha');
  } catch {
    return { error: `mocha is not installed where ${file} can require it (npm install --save-dev mocha): --test runs mocha tests.`, exitCode: 2 };
  }
  return { source: mochaProgram(text, pattern) };
}
