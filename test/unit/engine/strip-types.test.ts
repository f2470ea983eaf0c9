import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { stripOnlyError, strippedByNode } from '../../../src/core/engine/strip-types';
import { instrumentSource } from '../../../src/core/instrument/index';
import { realNode } from '../../nodes/real-node';
import { distReady, runCli, tempProgram } from './helpers';

const ENUM_FILE = 'const before = 1;\nenum Color {\n  Red,\n  Green,\n}\nconsole.log(Color.Green, before);\n';

describe('type stripping as Node 22+ does it (engine/strip-types.ts)', () => {
  it('applies to .ts/.mts/.cts on Node 22+ only, never under node_modules, never in compile mode', () => {
    assert.equal(strippedByNode('/p/a.ts', 24, undefined), true);
    assert.equal(strippedByNode('/p/a.mts', 22, 'node'), true);
    assert.equal(strippedByNode('/p/a.cts', 26, undefined), true);
    assert.equal(strippedByNode('/p/a.ts', 20, undefined), false, 'Node 20 runs no .ts: the file is compiled');
    assert.equal(strippedByNode('/p/a.ts', 24, 'compile'), false);
    assert.equal(strippedByNode('/p/a.tsx', 24, undefined), false);
    assert.equal(strippedByNode('/p/a.js', 24, undefined), false);
    assert.equal(strippedByNode('/p/node_modules/x/a.ts', 24, undefined), false);
  });

  it('accepts TypeScript whose types only need erasing: interfaces, generics, as, satisfies, declare, type-only namespaces', () => {
    const erasable = [
      'interface A { x: number }\nconst a: A = { x: 1 };\nconsole.log(a as A);',
      'function id<T>(x: T): T { return x; }\nconsole.log(id<number>(1) satisfies number);',
      'declare enum D { A }\ndeclare namespace N { const x: number }\nnamespace T { export type X = number }\nabstract class Q { abstract m(): void; private z = 1 }',
      'const n = 1 < 2 && 3 > 2;\nlet v = n!;\nfunction f(this: unknown, a?: number): void {}\n',
    ];
    for (const text of erasable) assert.equal(stripOnlyError(text, '/p/a.ts', 24, 'cjs'), undefined, text);
  });

  it("refuses what Node refuses, with amaro's message, line and column, and Node's whole stderr", () => {
    const e = stripOnlyError(ENUM_FILE, '/p/colors.ts', 26, 'cjs');
    assert.ok(e);
    assert.equal(e.code, 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX');
    assert.equal(e.message, 'TypeScript enum is not supported in strip-only mode');
    assert.deepEqual([e.line, e.column], [2, 1]);
    assert.match(e.stderr, /^file:\/\/\/p\/colors\.ts:2\n {4}const before = 1;\n {2}> enum Color \{\n/);
    assert.match(e.stderr, /\nSyntaxError \[ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX\]: TypeScript enum is not supported in strip-only mode\n {4}at parseTypeScript/);
    assert.match(e.stderr, / \{\n {2}code: 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX'\n\}\n\nNode\.js v26\.12\.1\n$/);
    // Node 22's CommonJS loader names the file by path; an ES module's import is named by path, after run_main's line.
    assert.match(stripOnlyError(ENUM_FILE, '/p/colors.ts', 22, 'cjs')!.stderr, /^\/p\/colors\.ts:2\n/);
    assert.match(stripOnlyError(ENUM_FILE, '/p/colors.ts', 24, 'esm-import')!.stderr, /^node:internal\/modules\/run_main:107\n {4}triggerUncaughtException\(\n {4}\^\n\n\/p\/colors\.ts:2\n/);
    const cases: Array<[string, RegExp]> = [
      ['class A {\n  constructor(private x: number) {}\n}\n', /parameter property/],
      ['namespace N { export const x = 1; }\n', /namespace declaration/],
      ['import fs = require("fs");\n', /import equals declaration/],
      ['const x = 1;\nexport = x;\n', /export assignment/],
      ['const x = <number>(1 as any);\n', /angle-bracket syntax/],
      ['module M { export const x = 1; }\n', /`module` keyword/],
    ];
    for (const [text, message] of cases) assert.match(stripOnlyError(text, '/p/a.ts', 24, 'cjs')?.message ?? 'accepted', message, text);
  });

  it("takes the instrumenter's verdict from its own parse (InstrumentResult.compilerOnlySyntax) instead of parsing again", () => {
    const verdict = (text: string, file = '/p/a.ts') => instrumentSource(text, { fileName: file, sourceMap: false }).compilerOnlySyntax;
    for (const text of ['class A {\n  constructor(private x: number) {}\n}\n', 'namespace N { export const x = 1; }\n', 'import fs = require("fs");\n', 'const x = 1;\nexport = x;\n', 'const x = <number>(1 as any);\n', ENUM_FILE]) {
      assert.equal(verdict(text), true, text);
      assert.equal(verdict(text, '/p/a.mts'), true, text);
    }
    assert.equal(verdict('declare enum D { A }\ninterface I { x: number }\nconst y = 1 as number;\n'), false);
    assert.equal(verdict('enum E { A }\n', '/p/a.tsx'), undefined, 'Node strips no .tsx: no verdict');
    assert.equal(verdict('console.log(1);\n', '/p/a.js'), undefined);
    // The verdict decides whether amaro is asked at all; amaro decides the rest.
    assert.equal(stripOnlyError(ENUM_FILE, '/p/colors.ts', 24, 'cjs', false), undefined);
    assert.equal(stripOnlyError(ENUM_FILE, '/p/colors.ts', 24, 'cjs', true)?.message, 'TypeScript enum is not supported in strip-only mode');
    assert.equal(stripOnlyError('declare enum D { A }\n', '/p/a.ts', 24, 'cjs', true), undefined);
  });

  it('run: byte-identical to real Node 24 for a refused entry; --typescript compile runs it; a bad value is a usage error', function () {
    if (!distReady()) this.skip();
    this.timeout(60_000);
    const dir = tempProgram({ 'colors.ts': ENUM_FILE });
    const file = path.join(dir, 'colors.ts');
    const real = spawnSync(realNode(24), [file], { cwd: dir, encoding: 'utf8' });
    const sim = runCli(['run', file, '--node', '24'], dir);
    assert.equal(sim.status, 1);
    assert.equal(sim.stdout, '');
    assert.equal(sim.stderr.replace(/^ {4}at .*\n/gm, ''), real.stderr.replace(/^ {4}at .*\n/gm, ''));
    const compiled = runCli(['run', file, '--node', '24', '--typescript', 'compile'], dir);
    assert.equal(compiled.status, 0);
    assert.equal(compiled.stdout, '1 1\n');
    assert.throws(() => parseArgs(['run', 'x.ts', '--typescript', 'tsc']), (e: unknown) => e instanceof UsageError && /'tsc' is not one of node, compile/.test(e.message));
  });
});
