import assert from 'node:assert/strict';
import path from 'node:path';
import type { RunOptions, RunResult } from '../../../src/core/engine/api';
import { runProgram } from '../../../src/core/engine/run';
import { EventKind } from '../../../src/core/trace/format';
import { distReady, ROOT, tempProgram } from './helpers';

interface Ran extends RunResult {
  stdout: string;
  stderr: string;
}

async function run(file: string, cwd: string, extra: Partial<RunOptions> = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const r = await runProgram({ file, cwd, onOutput: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)), ...extra });
  return { ...r, stdout, stderr };
}

/** Programs that go wrong, as data: what must be printed and returned. */
const failures: { name: string; files: Record<string, string>; entry: string; budgets?: RunOptions['budgets']; exitCode: number | 'nonzero'; stderr: RegExp[]; diagnostic?: RegExp; truncated?: RegExp }[] = [
  {
    name: 'syntax error → diagnostic with file:line:col, exit 1',
    files: { 'bad.ts': 'const a = 1;\nconst b = (;\n' },
    entry: 'bad.ts',
    exitCode: 1,
    stderr: [/bad\.ts:2:\d+/, /SyntaxError/],
    diagnostic: /./,
  },
  {
    name: 'missing import → diagnostic naming the import and its place',
    files: { 'm.ts': "import { x } from './nowhere';\nconsole.log(x);\n" },
    entry: 'm.ts',
    exitCode: 1,
    stderr: [/m\.ts:1:\d+/, /Could not resolve "\.\/nowhere"/],
    diagnostic: /nowhere/,
  },
  {
    // The instrumented text has the site table prepended: the place must still be the user's.
    name: 'missing import after async code → its own line and column in the original text',
    files: { 'late.ts': "async function f() {\n  await null;\n}\nimport { y } from './missing';\nf().then(() => console.log(y));\n" },
    entry: 'late.ts',
    exitCode: 1,
    stderr: [/late\.ts:4:19\n/, /import \{ y \} from '\.\/missing';\n {18}\^/],
    diagnostic: /missing/,
  },
  {
    name: 'throw at top level → printed with the TS location, exit 1',
    files: { 't.ts': "const n: number = 1;\nfunction fail(): never { throw new Error('boom'); }\nfail();\n" },
    entry: 't.ts',
    exitCode: 1,
    stderr: [/Error: boom/, /t\.ts:2:\d+/],
  },
  {
    name: 'infinite synchronous loop → stopped, the loop named, trace truncated',
    files: { 'loop.ts': "console.log('before');\nlet i = 0;\nwhile (true) {\n  i++;\n}\n" },
    entry: 'loop.ts',
    budgets: { realTimeMs: 500 },
    exitCode: 'nonzero',
    stderr: [/loop\.ts:3/],
    truncated: /budget/,
  },
  {
    name: 'stack overflow → RangeError as Node prints it, non-zero exit',
    files: { 's.ts': 'function f(n: number): number { return f(n + 1) + 1; }\nf(0);\n' },
    entry: 's.ts',
    exitCode: 'nonzero',
    stderr: [/RangeError: Maximum call stack size exceeded/],
  },
  {
    // Node: require() of a module graph with a top-level await is ERR_REQUIRE_ASYNC_MODULE. Refused before the run, with the place.
    name: 'a CommonJS entry requiring a module with a top-level await → a clear error at its line, nothing run',
    files: { 'main.cjs': "const { v } = require('./dep.mjs');\nconsole.log(v);\n", 'dep.mjs': "export let v = 1;\nv = await Promise.resolve(2);\n" },
    entry: 'main.cjs',
    exitCode: 1,
    stderr: [/dep\.mjs:2:5\n/, /Error: top-level await in a module the program require\(\)s: Node refuses to require\(\) it \(ERR_REQUIRE_ASYNC_MODULE\)/],
    diagnostic: /top-level await/,
  },
  {
    // The await is two static imports below the module required: the whole graph is the require()'s.
    name: 'a CommonJS entry requiring a module that imports one with a top-level await → refused at the await, nothing run',
    files: { 'main.cjs': "console.log('main');\nconst { v } = require('./mid.mjs');\nimport('./other.mjs');\n", 'mid.mjs': "export { v } from './deep.mjs';\n", 'deep.mjs': "export let v = 1;\nawait null;\n", 'other.mjs': 'await null;\n' },
    entry: 'main.cjs',
    exitCode: 1,
    stderr: [/deep\.mjs:2:1\n/, /ERR_REQUIRE_ASYNC_MODULE/],
    diagnostic: /top-level await/,
  },
  {
    name: 'never-ending setInterval → stopped at the virtual-time budget, trace kept',
    files: { 'i.ts': "let n = 0;\nsetInterval(() => { n++; }, 100);\nconsole.log('started');\n" },
    entry: 'i.ts',
    budgets: { virtualTimeMs: 10_000 },
    exitCode: 'nonzero',
    stderr: [],
    truncated: /./,
  },
];

describe('engine: runProgram', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('hello-async prints as Node does, in 1000 ms of virtual time', async () => {
    const r = await run('samples/hello-async.ts', ROOT);
    assert.equal(r.stdout, 'One\nOne\nOne\nTwo\nTwo\nTwo\nexecuted in 1.00 seconds.\n');
    assert.equal(r.exitCode, 0);
    assert.equal(r.trace.meta.endTime, 1000);
    assert.equal(r.trace.files[0], 'samples/hello-async.ts');
    assert.ok(r.trace.sites.some((s) => s.label === 'sleep(1000)' && s.kind === 'await' && s.line === 7));
  });

  it('same program + seed → byte-identical trace', async () => {
    const a = await run('samples/hello-async.ts', ROOT, { seed: 7 });
    const b = await run('samples/hello-async.ts', ROOT, { seed: 7 });
    assert.equal(JSON.stringify(a.trace), JSON.stringify(b.trace));
  });

  it('runs unsaved editor text from `source`', async () => {
    const r = await run('samples/hello-async.ts', ROOT, { source: "console.log('unsaved');\n" });
    assert.equal(r.stdout, 'unsaved\n');
  });

  for (const c of failures) {
    it(c.name, async () => {
      const dir = tempProgram(c.files);
      const r = await run(c.entry, dir, { budgets: c.budgets });
      if (c.exitCode === 'nonzero') assert.notEqual(r.exitCode, 0, r.stderr);
      else assert.equal(r.exitCode, c.exitCode, r.stderr);
      for (const re of c.stderr) assert.match(r.stderr, re);
      if (c.diagnostic) assert.ok(r.diagnostics.some((d) => c.diagnostic!.test(d.message) && d.line >= 1 && path.isAbsolute(d.file)), JSON.stringify(r.diagnostics));
      if (c.truncated) assert.match(r.trace.meta.truncated?.reason ?? '', c.truncated);
    });
  }

  it('a 100 MB console flood is printed and the trace keeps a bounded part', async () => {
    const dir = tempProgram({ 'flood.js': "const line = 'x'.repeat(9999);\nfor (let i = 0; i < 10000; i++) console.log(line);\nconsole.log('end');\n" });
    let bytes = 0;
    let tail = '';
    const r = await runProgram({ file: 'flood.js', cwd: dir, onOutput: (_s, t) => { bytes += t.length; tail = (tail + t).slice(-4); } });
    assert.equal(bytes, 10000 * 10000 + 4);
    assert.equal(tail, 'end\n');
    assert.equal(r.exitCode, 0);
    let stored = 0;
    r.trace.events.kind.forEach((k, i) => { if (k === EventKind.Console) stored += r.trace.strings[r.trace.events.b[i]].length; });
    assert.ok(stored < 20_000_000, `stored ${stored}`);
  });

  it('a cancelled run resolves with a truncated trace', async () => {
    const dir = tempProgram({ 'c.ts': "setInterval(() => {}, 1);\n" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await runProgram({ file: 'c.ts', cwd: dir, signal: ac.signal, budgets: { virtualTimeMs: 1e12, events: 1e12 } });
    assert.ok(r.trace.meta.truncated, 'truncated');
  });
});

describe('engine: bundling', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('follows relative TS imports, type-only re-exports, JSON and node_modules (CJS), and instruments them all', async () => {
    const dir = tempProgram({
      'node_modules/pkg/package.json': '{ "name": "pkg", "main": "index.js" }',
      'node_modules/pkg/index.js': 'exports.wait = async function wait(ms) { await new Promise((r) => setTimeout(r, ms)); return ms; };\n',
      'data.json': '{ "v": 42 }',
      'lib/types.ts': 'export interface Item { id: number }\n',
      'lib/index.ts': "export { Item } from './types';\nexport class Queue<T> { items: T[] = []; async take(): Promise<T | undefined> { await null; return this.items.shift(); } }\n",
      'main.ts': "import { wait } from 'pkg';\nimport data from './data.json';\nimport { Item, Queue } from './lib/index';\nconst q = new Queue<Item>(); q.items.push({ id: 7 });\n(async () => { console.log(await wait(20), data.v, (await q.take())!.id); })();\n",
    });
    const r = await run('main.ts', dir);
    assert.equal(r.stdout, '20 42 7\n', r.stderr);
    assert.equal(r.trace.files[0], 'main.ts');
    assert.ok(r.trace.files.includes('node_modules/pkg/index.js'));
    assert.ok(r.trace.sites.some((s) => s.label === 'Queue.take' && s.kind === 'function'));
    assert.equal(r.trace.meta.endTime, 20);
  });
});

describe('engine: stack frames name functions as the program wrote them', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  // esbuild gives the bundle one scope of names: the second file's `class Foo` and `helper` are
  // declared `Foo2` and `helper2`, and nodelib's EventEmitter `EventEmitter4`; V8 names frames
  // by the declared name. Node prints the names the files wrote.
  it('a second file’s class and function, and an EventEmitter’s listener', async () => {
    const dir = tempProgram({
      'main.js': [
        "const other = require('./other');",
        "const { EventEmitter } = require('events');",
        "class Foo { run() { console.log(new Error('a').stack.split('\\n')[1]); } }",
        "function helper() { console.log(new Error('h').stack.split('\\n')[1]); }",
        'new Foo().run(); helper(); other.go();',
        "const e = new EventEmitter(); e.on('x', () => console.log(new Error('e').stack.split('\\n')[1])); e.emit('x');",
        '',
      ].join('\n'),
      'other.js': [
        "class Foo { run() { console.log(new Error('b').stack.split('\\n')[1]); } }",
        "function helper() { console.log(new Error('hb').stack.split('\\n')[1]); }",
        'exports.go = () => { new Foo().run(); helper(); };',
        '',
      ].join('\n'),
    });
    const { stdout } = await run(path.join(dir, 'main.js'), dir);
    assert.deepEqual(
      stdout.split('\n').map((l) => l.trim().replace(/ \(.*\/([^/]+)\)$/, ' ($1)')),
      ['at Foo.run (main.js:3:33)', 'at helper (main.js:4:33)', 'at Foo.run (other.js:1:33)', 'at helper (other.js:2:33)', 'at EventEmitter.<anonymous> (main.js:6:59)', ''],
    );
  });
});
