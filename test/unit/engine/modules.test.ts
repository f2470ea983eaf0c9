/**
 * Modules as Node decides (docs/modules.md) and racy ties (docs/cost-model.md), through the real
 * engine: the module system of an entry per target Node line, where an ES module entry runs,
 * the RacyTie event a top-level setTimeout(0) against setImmediate records, and the seed that
 * flips it.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { RunOptions, RunResult } from '../../../src/core/engine/api';
import { decideModuleKind } from '../../../src/core/engine/paths';
import { runProgram } from '../../../src/core/engine/run';
import { detectModuleSyntax } from '../../../src/core/instrument/module-syntax';
import { EventKind, RacyOutcome, RacyTieKind } from '../../../src/core/trace/format';
import { distReady, tempProgram } from './helpers';

interface Ran extends RunResult {
  stdout: string;
  stderr: string;
}

async function run(dir: string, file: string, extra: Partial<RunOptions> = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const r = await runProgram({ file, cwd: dir, onOutput: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)), ...extra });
  return { ...r, stdout, stderr };
}

/** The RacyTie events of a trace as [kind, outcome, site label]. */
function racyTies(r: RunResult): [number, number, string][] {
  const { kind, a, b, c } = r.trace.events;
  const out: [number, number, string][] = [];
  for (let i = 0; i < kind.length; i++) if (kind[i] === EventKind.RacyTie) out.push([a[i], b[i], r.trace.sites[c[i]]?.label ?? '']);
  return out;
}

const ORDER = [
  "process.nextTick(() => console.log('tick'));",
  "Promise.resolve().then(() => console.log('promise'));",
  "setTimeout(() => console.log('timeout'), 0);",
  "setImmediate(() => console.log('immediate'));",
  "console.log('sync');",
].join('\n');

describe('modules as Node decides', () => {
  describe('syntax detection (instrument/module-syntax.ts)', () => {
    const cases: [string, string, boolean, boolean][] = [
      ['import', "import fs from 'node:fs';", true, false],
      ['export {}', 'export {};', true, false],
      ['export const', 'export const x = 1;', true, false],
      ['import.meta', 'console.log(import.meta.url);', true, false],
      ['top-level await', 'await 1;', true, true],
      ['top-level for await', 'for await (const x of []) {}', true, true],
      ['await inside a function', 'async function f() { await 1; }', false, false],
      ['require', "const fs = require('fs');", false, false],
      ['dynamic import()', "import('node:fs');", false, false],
    ];
    for (const [name, text, module, tla] of cases) {
      it(`${name}: ${module ? 'module syntax' : 'none'}`, () => assert.deepEqual(detectModuleSyntax(text, 'x.js'), { module, topLevelAwait: tla }));
    }
    it('TypeScript: what type stripping erases is not module syntax', () => {
      assert.equal(detectModuleSyntax("import type { A } from './a';\nexport type B = A;\nexport interface C {}\nconst x: number = 1;", 'x.ts').module, false);
      assert.equal(detectModuleSyntax("import { type A } from './a';", 'x.ts').module, true, 'a value import with type-only names is kept');
      assert.equal(detectModuleSyntax("import fs = require('fs');\nexport = fs;", 'x.ts').module, false, "TypeScript's CommonJS forms");
    });
  });

  describe('decideModuleKind (engine/paths.ts)', () => {
    const dir = tempProgram({
      'typeless/package.json': '{"name":"x"}',
      'esm/package.json': '{"type":"module"}',
      'cjs/package.json': '{"type":"commonjs"}',
    });
    const at = (f: string) => path.join(dir, f);
    const esm = { module: true, topLevelAwait: false };
    const tla = { module: true, topLevelAwait: true };
    it('extensions decide first', () => {
      assert.equal(decideModuleKind(at('cjs/a.mjs')).kind, 'module');
      assert.equal(decideModuleKind(at('esm/a.cjs'), 26, esm).kind, 'commonjs');
      assert.equal(decideModuleKind(at('cjs/a.mts')).kind, 'module');
      assert.equal(decideModuleKind(at('esm/a.cts')).kind, 'commonjs');
    });
    it('then the nearest package.json\'s "type", with no detection', () => {
      assert.deepEqual(decideModuleKind(at('esm/a.js')), { kind: 'module', by: 'package-type', packageJson: at('esm/package.json') });
      assert.equal(decideModuleKind(at('cjs/a.js'), 22, esm).kind, 'commonjs');
      assert.equal(decideModuleKind(at('esm/a.ts'), 20).kind, 'module');
    });
    it('then syntax detection, on every supported line, for .js and extensionless files', () => {
      for (const major of [20, 22, 24, 26]) {
        assert.deepEqual(decideModuleKind(at('typeless/a.js'), major, esm), { kind: 'module', by: 'syntax', packageJson: at('typeless/package.json') });
        assert.equal(decideModuleKind(at('typeless/bin'), major, esm).kind, 'module');
        assert.equal(decideModuleKind(at('typeless/a.js'), major, { module: false, topLevelAwait: false }).kind, 'commonjs');
      }
    });
    it('.ts: syntax detection on Node 22+ (type stripping); CommonJS on Node 20 unless it has a top-level await', () => {
      for (const major of [22, 24, 26]) assert.equal(decideModuleKind(at('typeless/a.ts'), major, esm).kind, 'module');
      assert.equal(decideModuleKind(at('typeless/a.ts'), 20, esm).kind, 'commonjs');
      assert.equal(decideModuleKind(at('typeless/a.ts'), 20, tla).kind, 'module');
    });
  });

  describe('through the engine', function () {
    this.timeout(60000);
    before(function () {
      if (!distReady()) this.skip();
    });

    it('a .js entry with export syntax runs as ESM: microtasks before nextTick; Node 20: immediates first, no tie', async () => {
      const dir = tempProgram({ 'main.js': `export {};\n${ORDER}\n` });
      const r = await run(dir, 'main.js', { node: 20 });
      assert.equal(r.stdout, 'sync\npromise\ntick\nimmediate\ntimeout\n');
      assert.equal(r.trace.meta.moduleKind, 'module');
      assert.deepEqual(racyTies(r), [], "Node 20's loader evaluates the entry in the poll phase: nothing racy");
      assert.equal(r.stderr, '', 'no package.json: no warning');
    });

    it('the same ES module entry on Node 22, 24, 26 is a racy tie (the timer first by default)', async () => {
      const dir = tempProgram({ 'main.mjs': `${ORDER}\n` });
      for (const nodeMajor of [22, 24, 26] as const) {
        const r = await run(dir, 'main.mjs', { node: nodeMajor });
        assert.equal(r.stdout, 'sync\npromise\ntick\ntimeout\nimmediate\n', `Node ${nodeMajor}`);
        assert.deepEqual(racyTies(r), [[RacyTieKind.TimeoutVsImmediate, RacyOutcome.Default, 'setTimeout(0)']]);
      }
    });

    it('a CommonJS entry records the racy tie with the setTimeout call site; seed 1 flips it, seed 2 does not', async () => {
      const dir = tempProgram({ 'main.cjs': `${ORDER}\n` });
      const byDefault = await run(dir, 'main.cjs');
      assert.equal(byDefault.stdout, 'sync\ntick\npromise\ntimeout\nimmediate\n');
      assert.deepEqual(racyTies(byDefault), [[RacyTieKind.TimeoutVsImmediate, RacyOutcome.Default, 'setTimeout(0)']]);
      const site = byDefault.trace.sites[byDefault.trace.events.c[byDefault.trace.events.kind.indexOf(EventKind.RacyTie)]];
      assert.deepEqual([site.line, site.column, site.kind], [3, 1, 'timer']);
      const flipped = await run(dir, 'main.cjs', { seed: 1 });
      assert.equal(flipped.stdout, 'sync\ntick\npromise\nimmediate\ntimeout\n');
      assert.deepEqual(racyTies(flipped), [[RacyTieKind.TimeoutVsImmediate, RacyOutcome.Flipped, 'setTimeout(0)']]);
      const otherBit = await run(dir, 'main.cjs', { seed: 2 });
      assert.equal(otherBit.stdout, byDefault.stdout, 'bit 1 belongs to a second tie');
    });

    it('no tie without a timer due in the first millisecond, or without an immediate', async () => {
      const dir = tempProgram({
        'late.cjs': "setTimeout(() => console.log('timeout'), 5); setImmediate(() => console.log('immediate'));\n",
        'alone.cjs': "setTimeout(() => console.log('timeout'), 0);\n",
      });
      for (const f of ['late.cjs', 'alone.cjs']) assert.deepEqual(racyTies(await run(dir, f)), [], f);
    });

    it('detected ESM under a typeless package.json prints Node\'s MODULE_TYPELESS_PACKAGE_JSON warning', async () => {
      const dir = tempProgram({ 'package.json': '{"name":"x"}', 'main.js': "export {};\nconsole.log('hi');\n" });
      const r = await run(dir, 'main.js');
      assert.equal(r.stdout, 'hi\n');
      assert.match(r.stderr, /^\(node:\d+\) \[MODULE_TYPELESS_PACKAGE_JSON\] Warning: Module type of file:\/\/.*\/main\.js is not specified and it doesn't parse as CommonJS\.\nReparsing as ES module because module syntax was detected\. This incurs a performance overhead\.\nTo eliminate this warning, add "type": "module" to .*package\.json\.\n/);
    });

    it('a .ts entry with imports: CommonJS order on Node 20, ESM order on Node 22+', async () => {
      const dir = tempProgram({ 'main.ts': `import { setTimeout as sleep } from 'node:timers/promises';\nvoid sleep;\n${ORDER}\n` });
      assert.equal((await run(dir, 'main.ts', { node: 20 })).stdout, 'sync\ntick\npromise\ntimeout\nimmediate\n');
      assert.equal((await run(dir, 'main.ts', { node: 24 })).stdout, 'sync\npromise\ntick\ntimeout\nimmediate\n');
    });

    it('top-level await across imported modules: the spec\'s evaluation order (siblings first, importers a tick later)', async () => {
      const dir = tempProgram({
        'main.mjs': "import { a } from './a.mjs';\nimport './b.mjs';\nconsole.log('main', a);\n",
        'a.mjs': "console.log('a start');\nPromise.resolve().then(() => console.log('a job 1')).then(() => console.log('a job 2'));\nexport const a = await 'A';\nconsole.log('a end');\n",
        'b.mjs': "console.log('b (no await)');\n",
      });
      const r = await run(dir, 'main.mjs');
      assert.equal(r.stdout, 'a start\nb (no await)\na job 1\na end\na job 2\nmain A\n');
      assert.equal(r.exitCode, 0);
    });

    it("a top-level await in a CommonJS entry is Node's SyntaxError at its place", async () => {
      const dir = tempProgram({ 'package.json': '{"type":"commonjs"}', 'main.js': "console.log(1);\nawait 1;\n" });
      const r = await run(dir, 'main.js');
      assert.equal(r.exitCode, 1);
      assert.match(r.stderr, /main\.js:2:1/);
      assert.match(r.stderr, /SyntaxError: await is only valid in async functions and the top level bodies of modules/);
    });
  });
});
