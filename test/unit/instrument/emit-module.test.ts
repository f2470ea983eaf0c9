/**
 * The instrumenter emits with `module: Preserve` and keeps ESNext's output (src/core/instrument/emit-module.ts).
 * These tests check that claim on TypeScript's own emit (no transformer of ours but the one that
 * restores ESNext's `export {}`), so a TypeScript upgrade that changes the equivalence fails here,
 * and that the instrumenter falls back to ESNext for TypeScript's CommonJS forms.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from '../../../src/core/instrument/typescript';
import { emptyExportAsESNext } from '../../../src/core/instrument/emit-module';
import { instrumentSource } from '../../../src/core/instrument/index';

const options: ts.CompilerOptions = { target: ts.ScriptTarget.ESNext, alwaysStrict: false, strict: false, ignoreDeprecations: '6.0', jsx: ts.JsxEmit.Preserve, allowJs: true, sourceMap: true };

function emit(text: string, fileName: string, module: ts.ModuleKind): { code: string; map: string | undefined } {
  const out = ts.transpileModule(text, {
    fileName,
    compilerOptions: { ...options, module },
    transformers: module === ts.ModuleKind.Preserve ? { after: [emptyExportAsESNext] } : undefined,
  });
  return { code: out.outputText, map: out.sourceMapText };
}

const SNIPPETS: Array<[name: string, text: string]> = [
  ['type-only import', "import type { A } from './a';\nconst x: A = 1 as any;\nconsole.log(x);\n"],
  ['unused import, elided', "import { a } from './a';\nconsole.log(1);\n"],
  ['type-only export and a comment at the end', 'export type T = number;\nconsole.log(1);\n// end\n'],
  ['explicit empty export', "import { a } from './a';\nexport {};\nconsole.log(1);\n"],
  ['a script', 'const x = 1;\nconsole.log(x);\n'],
  ['import.meta', 'console.log(import.meta.url);\n'],
  ['value imports and exports', "import a, { b as c } from './a';\nimport * as ns from './n';\nexport { c };\nexport * from './m';\nexport * as m2 from './m2';\nexport default a;\nexport const z = ns;\n"],
  ['import() and require', "const m = await import('./x.js');\nconst r = require('y');\nexport {};\n"],
  ['namespaces and enums', 'export namespace N { export const x = 1; }\nenum E { A, B }\nexport import Y = N.x;\nconsole.log(E.A, Y);\n'],
  ['declare module', "declare module 'm' { export const x: number; }\nexport {};\n"],
];

describe('emit with module Preserve, ESNext output (instrument/emit-module.ts)', () => {
  for (const [name, text] of SNIPPETS) {
    for (const fileName of ['/p/main.ts', '/p/main.mts']) {
      it(`${name} (${path.extname(fileName)})`, () => {
        assert.deepEqual(emit(text, fileName, ts.ModuleKind.Preserve), emit(text, fileName, ts.ModuleKind.ESNext));
      });
    }
  }

  it('the fidelity programs and samples with module syntax: the same emit, text and map', function () {
    this.timeout(120_000);
    const root = path.resolve(__dirname, '../../..');
    const files = [
      ...fs.readdirSync(path.join(root, 'test/fidelity/programs'), { recursive: true }).map((f) => path.join(root, 'test/fidelity/programs', String(f))),
      ...fs.readdirSync(path.join(root, 'samples')).map((f) => path.join(root, 'samples', f)),
    ].filter((f) => /\.[cm]?[jt]sx?$/.test(f));
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/^\s*(import|export)\b/m.test(text)) continue; // only module syntax is emitted differently
      // TypeScript's CommonJS forms are emitted with ESNext itself (the instrumenter's fallback).
      if (/\bimport\s+(type\s+)?[\w$]+\s*=|\bexport\s*=/.test(text)) continue;
      const fileName = file.replace(/\.c([jt])s$/, '.$1s');
      assert.deepEqual(emit(text, fileName, ts.ModuleKind.Preserve), emit(text, fileName, ts.ModuleKind.ESNext), file);
      compared++;
    }
    assert.ok(compared > 40, `compared ${compared} files`);
  });

  it("TypeScript's CommonJS forms: dropped as ESNext drops them (the instrumenter emits such a file with ESNext)", () => {
    const code = (text: string) => instrumentSource(text, { fileName: '/p/main.ts', sourceMap: false }).code;
    assert.equal(code("import fs = require('fs');\nconsole.log(typeof fs);\n"), 'var __at$ = __asyncTimeline$, __at$s = __at$.sites("/p/main.ts", [[2,1,"call","console.log(typeof fs)"]]);\n__at$.discard(console.log(typeof fs), __at$s);\nexport {};\n');
    assert.equal(code('const x = 1;\nexport = x;\n'), 'const x = 1;\nexport {};\n');
    assert.equal(code("/* c */ import /* x */ fs = require('fs');\nexport = fs;\n"), 'export {};\n');
  });
});
