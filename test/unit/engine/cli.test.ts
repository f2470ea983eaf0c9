import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { formatSummary, summarize } from '../../../src/cli/summary';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { emptyTrace } from '../../../src/core/engine/trace-util';
import { distReady, ROOT, runCli, runNode, tempProgram } from './helpers';

describe('cli: arguments', () => {
  it('parses every flag', () => {
    const a = parseArgs(['run', 'x.ts', '--entry', 'main', '--args', '[1]', '--seed', '3', '--trace', 't.json', '--html=o.html', '--summary',
      '--unhandled-rejections=warn', '--max-virtual-ms', '10', '--max-events', '20', '--timeout-ms', '30']);
    assert.equal(a.file, 'x.ts');
    assert.equal(a.entryFunction, 'main');
    assert.equal(a.entryArgs, '[1]');
    assert.equal(a.seed, 3);
    assert.equal(a.htmlPath, 'o.html');
    assert.equal(a.unhandledRejections, 'warn');
    assert.deepEqual(a.budgets, { virtualTimeMs: 10, events: 20, realTimeMs: 30 });
    assert.equal(a.summary, true);
  });
  it('rejects unknown flags, bad modes and a missing file', () => {
    assert.throws(() => parseArgs(['run', 'x.ts', '--bogus']), UsageError);
    assert.throws(() => parseArgs(['run', 'x.ts', '--unhandled-rejections=loud']), UsageError);
    assert.throws(() => parseArgs(['run']), UsageError);
    assert.equal(parseArgs(['--help']).command, 'help');
  });
});

describe('cli: summary line', () => {
  it('counts async tasks, suspends and the most tasks alive at once', () => {
    const t: TraceFile = emptyTrace({ entry: 'x', engine: 'e', seed: 0, moduleKind: 'commonjs', exitCode: 0, endTime: 1000 });
    t.tasks.push({ name: 'a', site: 0, kind: 'async', parent: 0, thread: 0 }, { name: 'b', site: 0, kind: 'async', parent: 0, thread: 0 }, { name: 'g', site: 0, kind: 'generator', parent: 0, thread: 0 });
    const ev: [EventKind, number][] = [[EventKind.TaskCreate, 1], [EventKind.TaskStart, 1], [EventKind.TaskSuspend, 1], [EventKind.TaskCreate, 2], [EventKind.TaskStart, 2],
      [EventKind.TaskCreate, 3], [EventKind.TaskStart, 3], [EventKind.TaskFinish, 2], [EventKind.TaskResume, 1], [EventKind.TaskFinish, 1]];
    for (const [k, a] of ev) {
      t.events.kind.push(k); t.events.t.push(0); t.events.a.push(a); t.events.b.push(0); t.events.c.push(0); t.events.thread.push(0);
    }
    assert.equal(formatSummary(summarize(t)), 'virtual time: 1000 ms · tasks: 2 · awaits: 1 · max concurrency: 2 · Node 20');
    t.meta.nodeMajor = 24;
    assert.match(formatSummary(summarize(t)), / · Node 24$/);
  });
});

describe('cli: end to end', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('hello-async: output, 1.00 s, summary with 1000 ms', () => {
    const r = runCli(['run', 'samples/hello-async.ts', '--summary', '--node', '22']);
    assert.equal(r.stdout, 'One\nOne\nOne\nTwo\nTwo\nTwo\nexecuted in 1.00 seconds.\n');
    // Node 22 runs a .ts file with module syntax as an ES module, and warns as it does for a .js
    // one (the repository's package.json has no "type"): the simulator prints the same warning.
    assert.match(r.stderr, /^\(node:\d+\) \[MODULE_TYPELESS_PACKAGE_JSON\] Warning: Module type of file:\/\/\/.*samples\/hello-async\.ts is not specified/);
    assert.match(r.stderr, /\nvirtual time: 1000 ms · tasks: \d+ · awaits: \d+ · max concurrency: \d+ · Node 22\n$/);
    assert.equal(r.status, 0);
  });

  it('hello-sync: 3.00 s of blocking', () => {
    const r = runCli(['run', 'samples/hello-sync.ts', '--summary']);
    assert.equal(r.stdout, 'One\nTwo\nOne\nTwo\nOne\nTwo\nexecuted in 3.00 seconds.\n');
    assert.match(r.stderr, /^virtual time: 3000 ms/);
  });

  it('works from any cwd, with relative and absolute paths, .js/.mjs/.cjs', () => {
    const dir = tempProgram({
      'a.js': "setTimeout(() => console.log('js', typeof require), 5); console.log('sync');\n",
      'b.mjs': "import { setTimeout as s } from 'node:timers/promises';\nawait s(5);\nconsole.log('mjs');\n",
      'c.cjs': "const path = require('path');\nconsole.log('cjs', path.basename(__filename));\nprocess.exitCode = 3;\n",
    });
    for (const f of ['a.js', 'b.mjs', 'c.cjs']) {
      const node = runNode(f, dir);
      const rel = runCli(['run', f], dir);
      const abs = runCli(['run', path.join(dir, f)], ROOT);
      assert.equal(rel.stdout, node.stdout, `${f} stdout`);
      assert.equal(rel.status, node.status, `${f} exit code`);
      assert.equal(abs.stdout, node.stdout, `${f} stdout (absolute path)`);
    }
  });

  it('--entry calls an exported async function with --args', () => {
    const dir = tempProgram({ 'e.ts': "export async function main(n: number, s: string) { console.log('main', n, s); }\nconsole.log('loaded');\n" });
    const r = runCli(['run', 'e.ts', '--entry', 'main', '--args', '[3, "x"]'], dir);
    assert.equal(r.stdout, 'loaded\nmain 3 x\n');
    assert.equal(r.status, 0);
  });

  it('a missing file is a clear error', () => {
    const r = runCli(['run', 'no/such/file.ts']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Cannot find module/);
  });

  it('--trace writes the trace; --help prints usage', () => {
    const dir = tempProgram({ 'p.ts': 'console.log(1);\n' });
    const r = runCli(['run', 'p.ts', '--trace', 'out.json'], dir);
    assert.equal(r.status, 0);
    const trace = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'));
    assert.equal(trace.format, 'async-timeline-trace');
    assert.match(runCli(['--help']).stdout, /Usage: async-timeline run <file>/);
  });
});
