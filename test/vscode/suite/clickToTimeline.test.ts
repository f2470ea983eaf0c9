import * as assert from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAllEditors, EXTENSION_ID } from './util';

/**
 * Issue 13: the time from "Visualize concurrency" to the first painted frame of the panel, per
 * sample, warm (the sample ran once before, so the worker code, TypeScript and the
 * instrumentation cache are warm — what a user sees on every re-run). The webview reports its
 * first frame of each new trace (`painted`); this measures command → that report.
 * Targets: < 300 ms for the hello samples, < 1 s for every sample, on an idle machine. The
 * assertions only catch a regression by an order of magnitude (CI machines are shared); the
 * numbers are written to .test-output/click-to-timeline.json, which `npm run bench` prints.
 */
suite('click to timeline', function () {
  this.timeout(180000);
  suiteSetup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  const samples = ['hello-async.ts', 'hello-sync.ts', 'cafe.ts', 'chat-sequential.ts', 'chat-thread-per-client.ts', 'chat-thread-pool.ts',
    'chat-multiplexing.ts', 'chat-async.ts', 'workers.ts', 'threadpool.ts', 'race.ts', 'fetch-fanout.ts', 'request-context.ts'];

  test('each sample: command to first painted frame, warm', async () => {
    const api = await activate();
    const results: { sample: string; ms: number; target: number; tracePost?: { bytes: number; ms: number } }[] = [];
    for (const sample of samples) {
      // Opening from the gallery runs the sample once (cold) and shows its panel.
      const uri = await vscode.commands.executeCommand<vscode.Uri>('asyncTimeline.openSample', sample);
      assert.ok(uri, `the gallery opened ${sample}`);
      const before = api.getPanel(uri);
      assert.ok(before, `${sample} has a panel`);
      await waitForPaint(() => api.getPanel(uri)?.paints ?? 0, 1, `${sample}'s first paint`);
      const paints = api.getPanel(uri)!.paints;
      const start = Date.now();
      await vscode.commands.executeCommand('asyncTimeline.visualize', uri);
      const painted = await waitForPaint(() => api.getPanel(uri)?.paints ?? 0, paints + 1, `${sample}'s paint after the re-run`);
      assert.ok(painted);
      const ms = api.getPanel(uri)!.lastPaintAt - start;
      // The trace reached the webview as its columnar buffer (the paint above is of that buffer, decoded).
      const tracePost = api.getPanel(uri)!.lastTracePost;
      assert.ok(tracePost && tracePost.bytes > 0, `${sample}: the panel posted its trace as a columnar buffer`);
      results.push({ sample, ms, target: sample.startsWith('hello-') ? 300 : 1000, tracePost });
      assert.ok(ms < 15000, `${sample}: ${ms} ms from the command to the first frame`);
    }
    const table = results.map((r) => `${r.sample.padEnd(28)} ${String(r.ms).padStart(6)} ms   (target < ${r.target} ms)   trace posted: ${r.tracePost?.bytes} B in ${r.tracePost?.ms.toFixed(1)} ms`).join('\n');
    console.log(`click to timeline, warm (load ${os.loadavg()[0].toFixed(1)}):\n${table}`);
    const extPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const out = path.join(extPath, '.test-output', 'click-to-timeline.json');
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      // The machine's load with it: on a shared machine the numbers mean little without it.
      fs.writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), load: os.loadavg()[0], results }, null, 2));
    } catch {
      // An installed (read-only) extension: the console line above is the record.
    }
  });
});

/** Polls often (the thing measured is a few hundred ms) until `count()` reaches `atLeast`. */
async function waitForPaint(count: () => number, atLeast: number, what: string, timeoutMs = 30000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (count() < atLeast) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}
