/**
 * Saved traces (src/core/export/trace-file.ts): the round trip, the upgrade of an older format
 * version (with a synthetic older shape: version 1 is the first there is), and the one sentence
 * for a newer, cut-short or foreign file. The CLI's `view` on top of it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderChromeTraceJson } from '../../../src/core/export/perfetto';
import { readTraceText, serializeTrace, TRACE_UPGRADES, traceFileName, upgradeTrace, type TraceUpgrade } from '../../../src/core/export/trace-file';
import { TRACE_FORMAT_VERSION } from '../../../src/core/trace/format';
import { distReady, ROOT, runCli } from '../engine/helpers';
import { helloAsync } from '../viewmodel/trace-builder';

/**
 * A made-up version 0 for the test: events as one object per event (`[{k, t, a, b, c}]`)
 * instead of columns, and `entryFile` instead of `meta.entry`. The step turns it into version 1.
 */
const toColumns: TraceUpgrade = {
  from: 0,
  what: 'events as columns',
  upgrade(old) {
    const rows = old.events as { k: number; t: number; a: number; b: number; c: number }[];
    const { entryFile, ...rest } = old as { entryFile: string } & Record<string, unknown>;
    return {
      ...rest,
      meta: { ...(rest.meta as object), entry: entryFile },
      events: { kind: rows.map((r) => r.k), t: rows.map((r) => r.t), a: rows.map((r) => r.a), b: rows.map((r) => r.b), c: rows.map((r) => r.c) },
    };
  },
};

function versionZero(): Record<string, unknown> {
  const v1 = helloAsync();
  const { entry: _entry, ...meta } = v1.meta;
  const e = v1.events;
  return {
    ...v1, version: 0, meta, entryFile: v1.meta.entry,
    events: e.kind.map((k, i) => ({ k, t: e.t[i], a: e.a[i], b: e.b[i], c: e.c[i] })),
  };
}

describe('export/trace-file: saved traces', () => {
  it('round trip: what is saved reads back as the same trace', () => {
    const trace = helloAsync();
    const read = readTraceText(serializeTrace(trace));
    assert.ok(read.ok);
    assert.deepEqual(read.trace, trace);
    assert.deepEqual(read.notices, []);
    assert.equal(traceFileName('samples/chat-async.ts'), 'chat-async.async-timeline.json');
    assert.equal(traceFileName('C:\\x\\y.mjs'), 'y.async-timeline.json');
  });

  it('version 1 is the first: there are no upgrade steps yet, and a current trace is left alone', () => {
    assert.equal(TRACE_FORMAT_VERSION, 1);
    assert.deepEqual(TRACE_UPGRADES, []);
    const trace = helloAsync();
    assert.equal(upgradeTrace(trace).value, trace);
  });

  it('an older version is upgraded step by step, and the notice says so', () => {
    const read = readTraceText(JSON.stringify(versionZero()), { upgrades: [toColumns], current: 1 });
    assert.ok(read.ok, read.ok ? '' : read.message);
    assert.equal(read.upgradedFrom, 0);
    assert.deepEqual(read.trace.events.kind, helloAsync().events.kind);
    assert.equal(read.trace.meta.entry, 'samples/hello-async.ts');
    assert.equal(read.trace.version, 1);
    assert.match(read.notices[0], /written in format version 0 and upgraded to version 1 .*events as columns/);
    // Two steps chain: 0 → 1 → 2.
    const rename: TraceUpgrade = { from: 1, what: 'nothing really', upgrade: (old) => ({ ...old, meta: { ...(old.meta as object), engine: 'upgraded' } }) };
    const two = upgradeTrace(versionZero(), { upgrades: [toColumns, rename], current: 2 });
    assert.equal((two.value as { version: number }).version, 2);
    assert.equal((two.value as { meta: { engine: string } }).meta.engine, 'upgraded');
    assert.deepEqual(two.notices.map((s) => s.split(':')[0]), ['version 0 → 1', 'version 1 → 2']);
  });

  it('an older version without a step, a newer, a cut-short, a foreign file: one clear sentence each', () => {
    const noStep = readTraceText(JSON.stringify(versionZero()));
    assert.ok(!noStep.ok);
    assert.match(noStep.message, /format version 0, which this viewer cannot upgrade/);
    const newer = readTraceText(JSON.stringify({ ...helloAsync(), version: 7 }));
    assert.ok(!newer.ok);
    assert.match(newer.message, /format version 7, newer than this viewer reads \(1\)\. Update Async Timeline/);
    const text = serializeTrace(helloAsync());
    const cut = readTraceText(text.slice(0, Math.floor(text.length / 2)));
    assert.ok(!cut.ok);
    assert.match(cut.message, /cut short or damaged/);
    const perfetto = readTraceText(renderChromeTraceJson(helloAsync()));
    assert.ok(!perfetto.ok);
    assert.match(perfetto.message, /Chrome Trace Event \(Perfetto\) file, not an Async Timeline trace/);
    const foreign = readTraceText('{"name":"my-package","version":"1.0.0"}');
    assert.ok(!foreign.ok);
    assert.match(foreign.message, /not an Async Timeline trace/);
    const notJson = readTraceText('hello');
    assert.ok(!notJson.ok);
    assert.match(notJson.message, /not valid JSON/);
    const empty = readTraceText('  \n');
    assert.ok(!empty.ok);
    assert.match(empty.message, /empty/);
    const damaged = readTraceText(JSON.stringify({ ...helloAsync(), events: { kind: [1], t: [] } }));
    assert.ok(!damaged.ok);
    assert.match(damaged.message, /damaged/);
  });
});

describe('cli: view <trace> --html / --perfetto', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('writes the page and the Perfetto export of a saved trace; runs nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-view-'));
    const saved = path.join(dir, 'hello.async-timeline.json');
    fs.writeFileSync(saved, serializeTrace(helloAsync()));
    const r = runCli(['view', saved, '--html', path.join(dir, 'out.html'), '--perfetto', path.join(dir, 'out.json')], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(fs.readFileSync(path.join(dir, 'out.html'), 'utf8'), /<script type="application\/json" id="async-timeline-trace">/);
    assert.equal(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'), renderChromeTraceJson(helloAsync()));
  });

  it('a bad file: exit 1 and the sentence; a missing one: exit 2; no output flag: a usage error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-view-'));
    const bad = path.join(dir, 'bad.async-timeline.json');
    fs.writeFileSync(bad, JSON.stringify({ ...helloAsync(), version: 9 }));
    const r = runCli(['view', bad, '--html', path.join(dir, 'x.html')], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /format version 9, newer than this viewer reads/);
    assert.ok(!fs.existsSync(path.join(dir, 'x.html')));
    assert.equal(runCli(['view', path.join(dir, 'missing.json'), '--html', 'x.html'], dir).status, 2);
    const usage = runCli(['view', bad], dir);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /view needs --html <out.html> or --perfetto <out.json>/);
    assert.match(runCli(['view', bad, '--html', 'x.html', '--seed', '2'], dir).stderr, /--seed is an option of 'run'/);
  });

  it('run --perfetto keeps run’s output as node prints it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-view-'));
    const r = runCli(['run', 'samples/hello-async.ts', '--perfetto', path.join(dir, 'p.json')], ROOT);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'One\nOne\nOne\nTwo\nTwo\nTwo\nexecuted in 1.00 seconds.\n');
    assert.equal(r.stderr, '');
    assert.ok(JSON.parse(fs.readFileSync(path.join(dir, 'p.json'), 'utf8')).traceEvents.length > 50);
  });
});
