import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { activate, closeAllEditors } from './util';

const consoleText = (trace: TraceFile) =>
  trace.events.kind.map((k, i) => (k === EventKind.Console && trace.events.a[i] === 1 ? trace.strings[trace.events.b[i]] : '')).join('');

/** Issue: each sample runs from VS Code, opened from the gallery as an editable copy. */
suite('samples gallery', function () {
  this.timeout(120000);
  suiteSetup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  const expectations: [file: string, check: (out: string, trace: TraceFile) => void][] = [
    ['hello-async.ts', (out, t) => { assert.match(out, /executed in 1\.00 seconds/); assert.strictEqual(t.meta.endTime, 1000); }],
    ['hello-sync.ts', (out, t) => { assert.match(out, /executed in 3\.00 seconds/); assert.strictEqual(t.meta.endTime, 3000); }],
    ['cafe.ts', (out) => { for (const total of ['40T', '20T', '20T', '10T']) assert.match(out, new RegExp(`${total}\\s*$`, 'm')); }],
    ['chat-sequential.ts', (out) => assert.match(out, /total/i)],
    ['chat-thread-per-client.ts', (out) => assert.match(out, /total/i)],
    ['chat-thread-pool.ts', (out) => assert.match(out, /total/i)],
    ['chat-multiplexing.ts', (out) => assert.match(out, /total/i)],
    ['chat-async.ts', (out) => assert.match(out, /total/i)],
    ['workers.ts', (out, t) => { assert.match(out, /kitchen: 2 cooks, 0\.7 s/); assert.strictEqual(t.meta.endTime, 700); }],
    ['threadpool.ts', (out, t) => {
      assert.match(out, /^8 logins in \d+ ms on 4 pool threads and 4 cores$/m);
      assert.match(out, /it was never blocked$/m);
      // Two rounds of four hashes on the pool's four threads (≈ 53 ms each).
      const starts = t.events.kind.filter((k) => k === EventKind.IoPoolStart).length;
      const done = t.events.t.filter((_, i) => t.events.kind[i] === EventKind.IoDone);
      assert.strictEqual(starts, 8);
      assert.ok(done.slice(0, 4).every((ms) => ms > 52 && ms < 57) && done.slice(4).every((ms) => ms > 104 && ms < 115), done.join(' '));
    }],
    ['fetch-fanout.ts', (out, t) => {
      assert.match(out, /^worker 3 got item 3 /m);
      assert.match(out, /^20 items fetched, never more than 4 requests in flight$/m);
      assert.strictEqual(t.meta.endTime, 5400);
    }],
    ['request-context.ts', (out, t) => {
      assert.match(out, /^\[req-3\] user carl loaded$/m);
      assert.match(out, /^\[no request\] client got: al: 2 orders \| barbara: 7 orders \| carl: 4 orders$/m);
      assert.ok(t.events.kind.some((k) => k === EventKind.AlsStore), 'the stores are on the trace');
    }],
    ['race.ts', (out, t) => { assert.match(out, /^alice 50, bob 100, total 150$/m); assert.strictEqual(t.meta.endTime, 15); }],
  ];

  for (const [file, check] of expectations) {
    test(`opens ${file} as a scratch copy and runs it`, async () => {
      const api = await activate();
      const uri = await vscode.commands.executeCommand<vscode.Uri>('asyncTimeline.openSample', file);
      assert.ok(uri, 'the gallery returned the opened file');
      assert.ok(uri.path.endsWith(`/samples/${file}`), uri.path);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the sample is the active editor');
      // Opening a sample runs it.
      const record = api.getLastRun(uri);
      assert.strictEqual(record?.status, 'finished', record?.message);
      const trace = record.result!.trace;
      check(consoleText(trace), trace);
    });
  }
});
