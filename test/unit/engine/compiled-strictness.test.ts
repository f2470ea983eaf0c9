import assert from 'node:assert/strict';
import path from 'node:path';
import { compiledAlwaysStrict } from '../../../src/core/engine/compiled-strictness';
import { distReady, runCli, tempProgram } from './helpers';

const PROBE = 'function plain() { return this === undefined ? "strict" : "sloppy"; }\nconsole.log(plain());\n';

describe('strictness as Node and tsc give it, whatever tsconfig.json says (engine/compiled-strictness.ts)', () => {
  before(distReady);

  it("reads alwaysStrict through a tsconfig's extends chain, with TypeScript 6's default (strict) when no tsconfig says", () => {
    const dir = tempProgram({
      'base.json': '{ "compilerOptions": { "strict": false } }',
      'loose/tsconfig.json': '{ "extends": "../base.json", "include": ["**/*"] }',
      'loose/strictAgain/tsconfig.json': '{ "compilerOptions": { "strict": false, "alwaysStrict": true } }',
      'none/a.ts': '',
    });
    const seen = new Map<string, boolean>();
    assert.equal(compiledAlwaysStrict(path.join(dir, 'loose/a.ts'), seen), false);
    assert.equal(compiledAlwaysStrict(path.join(dir, 'loose/strictAgain/a.ts'), seen), true);
    assert.equal(compiledAlwaysStrict(path.join(dir, 'none/a.ts'), new Map()), true, "TypeScript 6's default");
    assert.equal(seen.size, 2, 'one read per tsconfig.json');
  });

  it('a .js file and a type-stripped .ts file stay sloppy under a strict tsconfig; compiled TypeScript is strict', () => {
    const dir = tempProgram({ 'tsconfig.json': '{ "compilerOptions": { "strict": true } }', 'a.js': 'with ({}) {}\n' + PROBE, 'b.ts': PROBE });
    assert.equal(runCli(['run', path.join(dir, 'a.js'), '--node', '24']).stdout, 'sloppy\n');
    assert.equal(runCli(['run', path.join(dir, 'b.ts'), '--node', '24']).stdout, 'sloppy\n', 'Node 24 strips the types and runs the script as written');
    assert.equal(runCli(['run', path.join(dir, 'b.ts'), '--node', '24', '--typescript', 'compile']).stdout, 'strict\n');
    assert.equal(runCli(['run', path.join(dir, 'b.ts'), '--node', '20']).stdout, 'strict\n', 'Node 20 runs tsc output');
  });

  it('legacy octal in sloppy JavaScript runs, as V8 allows it; in strict code it is V8\'s SyntaxError', () => {
    const dir = tempProgram({ 'a.js': 'console.log(010, 08, "\\101");\n', 'b.js': '"use strict";\nconsole.log(010);\n' });
    assert.equal(runCli(['run', path.join(dir, 'a.js')]).stdout, '8 8 A\n');
    const strict = runCli(['run', path.join(dir, 'b.js')]);
    assert.match(strict.stderr, /SyntaxError: Octal literals are not allowed in strict mode/);
  });
});
