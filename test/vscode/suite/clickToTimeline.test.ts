import * as assert from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/extension/api';
import { activate, closeAllEditors, EXTENSION_ID } from './util';

/**
 * Issue 13: the time from "Visualize concurrency" to the first painted frame of the panel, per
 * sample, warm: the sample ran once before (so the instrumentation cache and the code caches are
 * warm), its frame is on screen, and the engine's next worker has loaded (it starts when a run
 * starts) — what a user sees on a re-run after reading the timeline. The webview reports the
 * first frame of each new trace (`painted`); this measures command → that report, and prints
 * where the time went (the run's record and the panel keep the moments). A second re-run at
 * once, before the next worker is warm, is printed beside it with its wait for that worker.
 * The warm click is measured twice and the faster kept (the workbench shares the machine).
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
    const results: { sample: string; ms: number; target: number; tracePost?: { bytes: number; ms: number }; parts?: ClickParts; atOnce: { ms: number; waitingForWorker: number } }[] = [];
    /** "Visualize concurrency" on `uri`: the time to the first frame of its new trace, and where it went. */
    const clickAndPaint = async (uri: vscode.Uri, what: string) => {
      const panel = () => api.getPanel(uri)!;
      const start = Date.now();
      await vscode.commands.executeCommand('asyncTimeline.visualize', uri);
      // A trace posted after the command, and a frame painted after that post: the re-run's.
      await waitFor(() => (panel().lastTracePost?.at ?? 0) >= start && paintedSincePost(panel()), what);
      const ms = panel().lastPaintAt - start;
      // The trace reached the webview as its columnar buffer (the paint above is of that buffer, decoded).
      const tracePost = panel().lastTracePost;
      assert.ok(tracePost && tracePost.bytes > 0, `${what}: the panel posted its trace as a columnar buffer`);
      const record = api.getLastRun(uri);
      const clock = record?.clock;
      const timings = record?.result?.timings;
      const parts: ClickParts | undefined = clock && {
        toRun: clock.startedAt - start,
        engine: clock.engineDoneAt - clock.startedAt,
        toWorker: (timings?.workerReadyAt ?? NaN) - clock.startedAt,
        bundle: Math.round(timings?.instrumentAndBundleMs ?? NaN),
        run: Math.round(timings?.runMs ?? NaN),
        fromWorker: clock.engineDoneAt - (timings?.workerDoneAt ?? NaN),
        problems: clock.recordedAt - clock.engineDoneAt,
        toPost: tracePost.at - clock.recordedAt,
        toPaint: panel().lastPaintAt - tracePost.at,
        inWebview: Math.round(panel().lastPaintMs ?? NaN),
      };
      return { ms, tracePost: { bytes: tracePost.bytes, ms: tracePost.ms }, parts };
    };
    // The first TypeScript file opened starts VS Code's own TypeScript server: seconds of CPU on a
    // small machine, once per window, which a user's click long after opening the file never
    // meets. Open a sample and wait until that server answers before measuring anything.
    const first = await vscode.commands.executeCommand<vscode.Uri>('asyncTimeline.openSample', samples[0]);
    assert.ok(first, 'the gallery opened the first sample');
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', first);
    await waitFor(() => paintedSincePost(api.getPanel(first)!), 'the first sample\'s first paint');
    for (const sample of samples) {
      // Opening from the gallery runs the sample once (cold) and shows its panel.
      const uri = await vscode.commands.executeCommand<vscode.Uri>('asyncTimeline.openSample', sample);
      assert.ok(uri, `the gallery opened ${sample}`);
      const before = api.getPanel(uri);
      assert.ok(before, `${sample} has a panel`);
      // The cold run's trace was posted before the command returned; its first frame is reported
      // a little later. Wait for that frame, or it would be taken for the re-run's below.
      const panel = () => api.getPanel(uri)!;
      await waitFor(() => paintedSincePost(panel()), `${sample}'s first paint`);
      // A re-run a user starts after reading the timeline finds the next engine worker warm
      // (it starts loading when a run starts, ~0.6 s of CPU): wait for it as that user has.
      // Twice, the faster counts: the workbench's own work (its TypeScript server starting on
      // the first file, say) shares this 2-core machine with the measure.
      const warmClicks = [];
      for (let i = 0; i < 2; i++) {
        await api.whenEngineWarm();
        warmClicks.push(await clickAndPaint(uri, `${sample}'s paint after the re-run`));
      }
      const warm = warmClicks.reduce((a, b) => (b.ms < a.ms ? b : a));
      // And a re-run at once, before that worker is warm: the wait for it is printed apart.
      const atOnce = await clickAndPaint(uri, `${sample}'s paint after the re-run at once`);
      const { ms, tracePost, parts } = warm;
      results.push({ sample, ms, target: sample.startsWith('hello-') ? 300 : 1000, tracePost, parts, atOnce: { ms: atOnce.ms, waitingForWorker: atOnce.parts?.toWorker ?? NaN } });
      assert.ok(ms < 15000, `${sample}: ${ms} ms from the command to the first frame`);
    }
    const split = (p: ClickParts | undefined) =>
      p ? `command ${p.toRun} · engine ${p.engine} (waiting for a worker ${p.toWorker}, bundle ${p.bundle}, run ${p.run}, trace to host ${p.fromWorker}) · problems ${p.problems} · to post ${p.toPost} · post to paint ${p.toPaint} (in the webview ${p.inWebview})` : '';
    const table = results.map((r) => `${r.sample.padEnd(28)} ${String(r.ms).padStart(6)} ms   (target < ${r.target} ms)   trace posted: ${r.tracePost?.bytes} B in ${r.tracePost?.ms.toFixed(1)} ms   ${split(r.parts)}   | at once: ${r.atOnce.ms} ms (waiting for a worker ${r.atOnce.waitingForWorker})`).join('\n');
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

/**
 * Where a click's time went (ms): the command until the run starts; the engine (within it: until
 * a warm worker has the program, its instrument + bundle and run, its trace to the host); the
 * host's problems and analysis of the trace; until the trace is posted to the webview; and from
 * that post to the webview's first frame (within it: the webview's own work, from receiving the
 * trace to painting it; the rest is the messages' way there and back).
 */
interface ClickParts { toRun: number; engine: number; toWorker: number; bundle: number; run: number; fromWorker: number; problems: number; toPost: number; toPaint: number; inWebview: number }

/** Has the panel painted a frame since it last posted a trace (the webview reports a trace's first frame after receiving it)? */
function paintedSincePost(p: PanelSnapshot): boolean {
  return p.lastTracePost !== undefined && p.paints > 0 && p.lastPaintAt >= p.lastTracePost.at;
}

/** Polls often (the thing measured is a few hundred ms) until `done()`. */
async function waitFor(done: () => boolean, what: string, timeoutMs = 30000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
