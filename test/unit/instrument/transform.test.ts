import assert from 'node:assert/strict';
import ts from 'typescript';
import { instrumentSource } from '../../../src/core/instrument/index';
import { referenceDriver } from './reference-driver';
import { specs } from './specs';

/** Runs a script with `log`/`sleep` and the instrumentation global; resolves with the printed lines. */
async function runScript(code: string, api: unknown): Promise<string[]> {
  const lines: string[] = [];
  const log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  new Function('__asyncTimeline$', '__asyncTimeline$main', 'log', 'sleep', code)(api, undefined, log, sleep);
  await new Promise((r) => setTimeout(r, 40));
  return lines;
}

function plain(code: string, fileName: string): string {
  return ts.transpileModule(code, { fileName, compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext } }).outputText;
}

describe('instrument: transformer specs', () => {
  for (const spec of specs) {
    it(spec.name, async () => {
      const fileName = spec.fileName ?? 'spec.ts';
      const out = instrumentSource(spec.code, { fileName, displayName: fileName, sourceMap: false });
      assert.deepEqual(out.diagnostics, []);
      for (const row of spec.sites ?? []) {
        assert.ok(
          out.sites.some((s) => JSON.stringify(s) === JSON.stringify(row)),
          `site ${JSON.stringify(row)} missing; have:\n${out.sites.map((s) => JSON.stringify(s)).join('\n')}`,
        );
      }
      for (const re of spec.emits ?? []) assert.match(out.code, re);
      if (spec.shapeOnly) return;
      const expected = await runScript(plain(spec.code, fileName), undefined);
      const driver = referenceDriver();
      const actual = await runScript(out.code, driver.api);
      assert.deepEqual(actual, expected, `instrumented output differs; code:\n${out.code}`);
    });
  }
});

describe('instrument: diagnostics and source maps', () => {
  it('reports a syntax error with its 1-based position', () => {
    const out = instrumentSource('const a = 1;\nlet = = 2;\n', { fileName: 'bad.ts' });
    assert.equal(out.diagnostics.length > 0, true);
    assert.equal(out.diagnostics[0].line, 2);
  });

  it('inlines a source map naming the original file', () => {
    const out = instrumentSource('async function f() { await 1; }\n', { fileName: '/abs/x.ts' });
    const m = /sourceMappingURL=data:application\/json;base64,(\S+)/.exec(out.code);
    assert.ok(m);
    const map = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
    assert.deepEqual(map.sources, ['/abs/x.ts']);
  });

  it('does not add "use strict" to a sloppy script', () => {
    const out = instrumentSource('x = 1; async function f() { await 1; }', { fileName: 'a.js', sourceMap: false });
    assert.doesNotMatch(out.code, /use strict/);
  });

  it('leaves files without async code untouched apart from loop probes', () => {
    const out = instrumentSource('const a = 1;\nmodule.exports = a;\n', { fileName: 'a.cjs', sourceMap: false });
    assert.equal(out.code.trim(), 'const a = 1;\nmodule.exports = a;');
    assert.deepEqual(out.sites, []);
  });
});
