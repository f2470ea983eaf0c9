/**
 * The splicing printer (src/core/instrument/splice-printer.ts) against TypeScript's whole emit,
 * on every program of the test corpus (the fidelity programs, the samples) and on snippets made
 * for the places where copying text differs from printing it: both are read by esbuild as the
 * bundler reads them, and esbuild's output must be the same, as must the site table, the
 * diagnostics and the facts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { instrumentSource, type InstrumentOptions, type InstrumentResult } from '../../../src/core/instrument/index';

const root = path.resolve(__dirname, '../../..');

function corpus(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.[cm]?[jt]sx?$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(root, 'test/fidelity/programs'));
  walk(path.join(root, 'samples'));
  return files;
}

/**
 * What the bundler makes of an instrumented file (engine/bundle.ts reads TypeScript with the TS
 * loader), without its layout. Whether it is a module is compared, not where an `export {}`
 * says so: TypeScript drops a written `export {}` beside other imports and exports, and esbuild
 * keeps one where the type-only statement it stands for was.
 */
function asBundled(code: string, fileName: string): string {
  const loader: esbuild.Loader = /\.[cm]?tsx$/.test(fileName) ? 'tsx' : /\.[cm]?ts$/.test(fileName) ? 'ts' : /x$/.test(fileName) ? 'jsx' : 'js';
  const out = esbuild.transformSync(code, { loader, target: 'esnext', legalComments: 'none', minifyWhitespace: true, tsconfigRaw: '{}' }).code;
  const marker = 'export{};';
  const rest = out.split(marker).join('');
  const isModule = out.includes(marker) || /(^|[;}])(import|export)[\s{*"']/.test(rest);
  return `${isModule ? 'module' : 'script'}\n${rest}`;
}

function both(text: string, options: InstrumentOptions): { emit: InstrumentResult; splice: InstrumentResult } {
  return {
    emit: instrumentSource(text, { ...options, printer: 'emit', sourceMap: false }),
    splice: instrumentSource(text, { ...options, printer: 'splice', sourceMap: false }),
  };
}

function assertSame(text: string, options: InstrumentOptions): void {
  const { emit, splice } = both(text, options);
  assert.deepEqual(splice.diagnostics, emit.diagnostics, 'diagnostics');
  if (emit.diagnostics.length > 0) return;
  assert.deepEqual(splice.sites, emit.sites, 'site table');
  assert.deepEqual(splice.topLevelAwait, emit.topLevelAwait, 'top-level await');
  assert.deepEqual(splice.moduleSyntax, emit.moduleSyntax, 'module syntax');
  assert.equal(asBundled(splice.code, options.fileName), asBundled(emit.code, options.fileName));
}

describe('the splicing printer prints what TypeScript\'s emit prints (instrument/splice-printer.ts)', function () {
  this.timeout(300_000);
  for (const file of corpus()) {
    const isJs = /\.[cm]?jsx?$/.test(file);
    const text = fs.readFileSync(file, 'utf8');
    it(path.relative(root, file), () => {
      const base: InstrumentOptions = { fileName: file, displayName: path.basename(file), ...(isJs && { v8Checked: true }) };
      assertSame(text, base);
      if (/\.m[jt]s$/.test(file) || /\b(import|export)\b/.test(text)) assertSame(text, { ...base, moduleRecord: true });
      if (!isJs) assertSame(text, { ...base, alwaysStrict: true });
      if (/\.c?js$/.test(file)) assertSame(text, { ...base, script: true });
    });
  }

  // Copied statements that relied on automatic semicolon insertion, beside printed ones.
  const snippets: Array<[string, string]> = [
    ['no semicolons', 'async function f() {\n  let x = 1\n  await x\n  ;[1, 2].forEach(console.log)\n  const y = () => {}\n  await y\n  return x\n}\nf()\n'],
    ['an if without braces, then an await', 'async function f(a) {\n  if (a) a = {}\n  (await a)\n  for (;;) break\n  (await a)\n}\nf(1)\n'],
    ['a class field without a semicolon', 'class A {\n  x = 1\n  ["y"] = 2\n  async m() { await 1 }\n}\nnew A().m()\n'],
    ['comments and a directive', '"use strict"\n// a comment\nasync function f(/* a */ a) {\n  /* b */ await a // c\n}\nf()\n'],
    ['types', 'interface I { a: number }\ntype T = I\nasync function f<T>(x: T): Promise<T> { const y = <any>x as T; return (await y)! }\nf(1)\n'],
    ['a generic arrow in tsx', 'const f = async <T,>(x: T) => { await x; return <div>{x}</div> }\nf(1)\n'],
    ['a JSX pragma in tsx', '/** @jsx h */\nimport { h } from "./h";\nconst f = async () => { await 1; return <div /> }\nf()\n'],
    ['a labelled loop', 'async function f() {\n  outer: for (const a of [1]) {\n    for (const b of [2]) { await b; continue outer }\n  }\n}\nf()\n'],
    ['line breaks of every kind', 'async function f() {\r\n  const a = 1\r\n  await a\r  return a\u2028}\nf()\n'],
  ];
  for (const [name, text] of snippets) {
    it(`snippet: ${name}`, () => {
      const fileName = name.includes('tsx') ? '/p/a.tsx' : name === 'types' ? '/p/a.ts' : '/p/a.js';
      assertSame(text, { fileName, ...(fileName.endsWith('.js') && { v8Checked: true }) });
    });
  }
});
