// Render benchmark: the timeline in headless Chromium on synthetic traces of 100,000 and
// 1,000,000 events (many tasks sleeping on timers, as a busy server would).
//   first paint   navigation start → the canvas's first complete paint (HTML parse, JSON.parse
//                 of the embedded trace, view model, first frame), from the page's own clock
//   pan / zoom    the synchronous paint of one frame after a pan or zoom step (median, p95,
//                 max over 60 frames), at fit-to-view (everything visible: the level-of-detail
//                 path) and zoomed in
// Targets: 100k first paint < 1 s, frames < 16 ms; 1M first paint < 3 s.
//   trace to webview  the 1M-await program's real trace as the extension posts it (one columnar
//                 ArrayBuffer, src/core/trace/columnar.ts) against the JSON message it used to post:
//                 bytes, the host's time to build the message (VS Code JSON-serializes a message,
//                 sending ArrayBuffers beside it as raw bytes), and the webview's time from receiving
//                 it to the first painted frame (the JSON form: JSON.parse of the message, as
//                 VS Code's webview does, then the same structured clone into the page).
// Needs `npm run build` (dist/webview.js, dist/export-html.js) and /usr/bin/chromium.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);

// EventKind / MacrotaskKind values from src/core/trace/format.ts (a const enum: no runtime object).
const K = { RunStart: 1, RunEnd: 2, MacroStart: 3, MacroEnd: 4, TaskCreate: 10, TaskStart: 11, TaskSuspend: 12, TaskResume: 13,
  TaskFinish: 15, PromiseCreate: 20, PromiseFulfill: 22, ReactionQueued: 24, ReactionRun: 25, TimerSchedule: 30, TimerFire: 31, Console: 50 };
const SCRIPT = 1;
const TIMER = 2;

/** A deterministic pseudo-random generator (mulberry32), so every run draws the same trace. */
function random(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `tasks` workers in 20 named groups, each looping: sleep(random ms) → log sometimes → sleep again. */
export function syntheticTrace(targetEvents, tasks = Math.max(50, Math.round(targetEvents / 500))) {
  const rnd = random(42);
  const ev = { kind: [], t: [], a: [], b: [], c: [], thread: [] };
  let now = 0;
  const push = (k, a = 0, b = 0, c = 0) => { ev.kind.push(k); ev.t.push(now); ev.a.push(a); ev.b.push(b); ev.c.push(c); ev.thread.push(0); return ev.kind.length - 1; };
  const names = Array.from({ length: 20 }, (_, i) => `worker${i}`);
  const sites = [{ file: 0, line: 0, column: 0, label: '', kind: 'other' }];
  for (let i = 0; i < 20; i++) sites.push({ file: 0, line: 10 + i, column: 1, label: names[i], kind: 'function' });
  const sleepSite = sites.push({ file: 0, line: 5, column: 3, label: 'sleep(ms)', kind: 'await' }) - 1;
  const taskInfo = [{ name: '<main>', site: 0, kind: 'main', parent: 0, thread: 0 }];
  const strings = ['', 'tick\n', 'exit'];
  let promise = 0;
  let timer = 0;
  let job = 0;
  const heap = []; // [due, timerId, task, promise], ordered by due then timer id
  const less = (x, y) => x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
  const heapPush = (item) => { heap.push(item); let i = heap.length - 1; while (i > 0) { const p = (i - 1) >> 1; if (!less(heap[i], heap[p])) break; [heap[i], heap[p]] = [heap[p], heap[i]]; i = p; } };
  const heapPop = () => { const top = heap[0]; const last = heap.pop(); if (heap.length) { heap[0] = last; let i = 0; for (;;) { const l = 2 * i + 1; const r = l + 1; let m = i; if (l < heap.length && less(heap[l], heap[m])) m = l; if (r < heap.length && less(heap[r], heap[m])) m = r; if (m === i) break; [heap[i], heap[m]] = [heap[m], heap[i]]; i = m; } } return top; };
  const sleep = (task) => {
    const id = ++timer;
    const p = ++promise;
    const delay = 1 + Math.floor(rnd() * 50);
    push(K.TimerSchedule, id, delay, sleepSite);
    push(K.PromiseCreate, p, task, sleepSite);
    push(K.TaskSuspend, task, sleepSite, p);
    heapPush([now + delay, id, task, p]);
  };
  push(K.RunStart);
  push(K.MacroStart, SCRIPT, 0);
  const results = [];
  for (let task = 1; task <= tasks; task++) {
    const group = task % 20;
    taskInfo.push({ name: names[group], site: group + 1, kind: 'async', parent: 0, thread: 0 });
    push(K.TaskCreate, task, 0, group + 1);
    results[task] = ++promise;
    push(K.PromiseCreate, results[task], 0, group + 1);
    push(K.TaskStart, task);
    sleep(task);
  }
  push(K.MacroEnd, SCRIPT, 0);
  while (heap.length) {
    const [due, id, task, p] = heapPop();
    now = due;
    push(K.MacroStart, TIMER, id);
    push(K.TimerFire, id);
    const settle = push(K.PromiseFulfill, p);
    const j = ++job;
    push(K.ReactionQueued, p, j, task);
    push(K.ReactionRun, p, j, task);
    push(K.TaskResume, task, p, settle);
    if (rnd() < 0.05) push(K.Console, 1, 1);
    if (ev.kind.length < targetEvents - tasks * 3) sleep(task);
    else { push(K.TaskFinish, task, results[task]); push(K.PromiseFulfill, results[task]); }
    push(K.MacroEnd, TIMER, id);
  }
  push(K.RunEnd, 0, 2);
  return {
    format: 'async-timeline-trace', version: 1,
    meta: { entry: `synthetic-${targetEvents}.ts`, seed: 42, endTime: now, exitCode: 0, moduleKind: 'commonjs', engine: 'bench' },
    files: [`synthetic-${targetEvents}.ts`], sites, tasks: taskInfo, strings, events: ev,
  };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
};
const ms = (x) => `${x.toFixed(1)} ms`;

async function measure(browser, events) {
  const { renderTraceHtml } = require(path.join(root, 'dist', 'export-html.js'));
  const trace = syntheticTrace(events);
  const file = path.join(os.tmpdir(), `at-render-bench-${events}.html`);
  fs.writeFileSync(file, renderTraceHtml(trace));
  const sizeMb = fs.statSync(file).size / 1e6;
  // First paint: three fresh loads; the machines are shared, so the best one is reported
  // (and all three printed), as the least disturbed measurement of the same work.
  const firstPaints = [];
  let page;
  for (let load = 0; load < 3; load++) {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`, { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector('.tl-app')?.dataset.firstPaintMs || document.querySelector('.tl-fatal'), null, { timeout: 120_000 });
    if (errors.length || (await page.$('.tl-fatal'))) throw new Error(`the page failed: ${errors.join('; ') || await page.innerText('.tl-fatal')}`);
    firstPaints.push(Number(await page.getAttribute('.tl-app', 'data-first-paint-ms')));
  }
  const firstPaint = Math.min(...firstPaints);
  // Arrows of a big trace are built right after the first paint: wait for them before timing frames.
  await page.waitForFunction(() => document.querySelector('.tl-app')?.dataset.arrowsResume !== undefined, null, { timeout: 120_000 });
  const frames = await page.evaluate(() => {
    const tl = window.asyncTimeline;
    const run = (step) => Array.from({ length: 60 }, (_, i) => step(i));
    tl.fit();
    const panFit = run((i) => tl.panByPx(i % 2 ? -37 : 37));
    const zoomFit = run((i) => tl.zoomAt(700, i % 2 ? 1 / 1.25 : 1.25));
    tl.fit();
    for (let i = 0; i < 12; i++) tl.zoomAt(700, 1.6);
    const panZoomed = run((i) => tl.panByPx(i % 2 ? -53 : 53));
    const zoomZoomed = run((i) => tl.zoomAt(300, i % 2 ? 1 / 1.25 : 1.25));
    return { panFit, zoomFit, panZoomed, zoomZoomed };
  });
  // Real frames: rAF-paced panning, so compositing counts too (interval between frames).
  const rafIntervals = await page.evaluate(() => new Promise((resolve) => {
    const tl = window.asyncTimeline;
    tl.fit();
    const times = [];
    let last = performance.now();
    const frame = (now) => {
      tl.panByPx(times.length % 2 ? -41 : 41);
      times.push(now - last);
      last = now;
      if (times.length < 60) requestAnimationFrame(frame);
      else resolve(times.slice(2));
    };
    requestAnimationFrame(frame);
  }));
  await page.close();
  fs.rmSync(file, { force: true });
  return { events: trace.events.kind.length, tasks: trace.tasks.length - 1, sizeMb, firstPaint, firstPaints, frames, rafIntervals };
}

/** The engine and the columnar encoder, bundled next to dist/worker.js (as bench/engine-api.mjs bundles the engine alone). */
async function engineAndEncoder() {
  const bundle = path.join(root, 'dist', 'bench-webview-trace.js');
  await esbuild.build({
    stdin: { contents: "export { runProgram } from './src/core/engine/run'; export { encodeColumnarTrace } from './src/core/trace/columnar';", resolveDir: root, loader: 'ts' },
    outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['esbuild', 'typescript'], logLevel: 'error',
  });
  return require(bundle);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The best of `runs` timings of `f` (ms), and its last result. */
function bestOf(runs, f) {
  let best = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

/** A page like the extension's webview (src/extension/webviewHtml.ts) with a fake host; its trace is fetched from the bench's route. */
function hostedPage() {
  const js = fs.readFileSync(path.join(root, 'dist', 'webview.js'), 'utf8');
  const css = fs.readFileSync(path.join(root, 'dist', 'webview.css'), 'utf8');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src http://127.0.0.1:*; style-src 'nonce-b'; script-src 'nonce-b'">
<style nonce="b">${css}</style></head><body class="vscode-dark"><div id="app"></div>
<script nonce="b">window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });</script>
<script nonce="b">${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
}

/** Trace to webview, before (JSON) and after (columnar): bytes, host time, webview time to first paint. */
async function measureTraceToWebview(browser) {
  const { runProgram, encodeColumnarTrace } = await engineAndEncoder();
  const file = path.join(os.tmpdir(), 'at-bench-1m-awaits.js');
  fs.writeFileSync(file, 'async function main() { let sum = 0; for (let i = 0; i < 1e6; i++) sum += await i; console.log(sum); }\nmain();\n');
  const run = await runProgram({ file, budgets: { events: 50_000_000, realTimeMs: 60_000, memoryMb: 4096 } });
  fs.rmSync(file, { force: true });
  const events = run.eventCount ?? run.scanTrace.events.kind.length;
  // After: the panel encodes the trace as the engine handed it over; VS Code stringifies the rest.
  const columnar = bestOf(3, () => {
    const buffer = encodeColumnarTrace(run.scanTrace);
    JSON.stringify({ type: 'showTrace', trace: {}, sourceUri: 'file:///w/x.ts' });
    return buffer;
  });
  // Before: the message with the plain trace, which VS Code JSON-serialized whole.
  const plain = run.trace;
  const json = bestOf(3, () => JSON.stringify({ type: 'showTrace', trace: plain, sourceUri: 'file:///w/x.ts' }));
  const jsonBytes = Buffer.byteLength(json.result);
  const buffer = Buffer.from(columnar.result);
  if (process.env.BENCH_DEBUG) console.log({ events, columnarBytes: buffer.length, jsonBytes, columnarMs: columnar.ms, jsonMs: json.ms });
  // Served over loopback HTTP (the page fetches the message's bytes before its clock starts).
  const bodies = { '/page.html': ['text/html', hostedPage()], '/trace.bin': ['application/octet-stream', buffer], '/trace.json': ['application/json', json.result] };
  const server = http.createServer((req, res) => {
    const [type, body] = bodies[req.url] ?? ['text/plain', 'not found'];
    res.writeHead(bodies[req.url] ? 200 : 404, { 'content-type': type });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const paint = {};
  await browser.setOffline(false); // loopback only: the page's CSP allows nothing else
  try {
    for (const form of ['columnar', 'json']) {
      const times = [];
      for (let load = 0; load < 2; load++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('crash', () => errors.push(`the page crashed (${form}, ${mb(form === 'columnar' ? buffer.length : jsonBytes)})`));
        await page.goto(`${origin}/page.html`, { timeout: 120_000 });
        const ms = await page.evaluate(async (form) => {
          const body = await fetch(form === 'columnar' ? '/trace.bin' : '/trace.json');
          const data = form === 'columnar' ? await body.arrayBuffer() : await body.text();
          const painted = new Promise((resolve) => {
            const watch = () => (document.querySelector('.tl-app')?.dataset.firstPaintMs || document.querySelector('.tl-fatal') ? resolve() : setTimeout(watch, 5));
            watch();
          });
          const t0 = performance.now();
          const message = form === 'columnar' ? { type: 'init', trace: data } : JSON.parse(data);
          if (form !== 'columnar') message.type = 'init';
          window.postMessage(message, '*');
          await painted;
          const fatal = document.querySelector('.tl-fatal');
          if (fatal) throw new Error(fatal.textContent);
          return Number(document.querySelector('.tl-app').dataset.firstPaintMs) - t0;
        }, form).catch((e) => { throw new Error(`${e.message}${errors.length ? ` (${errors.join('; ')})` : ''}`); });
        if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
        times.push(ms);
        await page.close();
      }
      paint[form] = Math.min(...times);
    }
  } finally {
    server.close();
    await browser.setOffline(true).catch(() => {});
  }
  return { events, columnarBytes: buffer.length, jsonBytes, columnarMs: columnar.ms, jsonMs: json.ms, paint };
}

export async function runRenderBench() {
  if (!fs.existsSync(path.join(root, 'dist', 'export-html.js'))) throw new Error('run `npm run build` first (dist/export-html.js is missing)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'at-bench-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, offline: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores (shared machine: numbers vary with it)`);
  try {
    // `node bench/render.mjs trace-to-webview`: that part alone.
    const sizes = process.argv.includes('trace-to-webview') ? [] : [[100_000, 1000], [1_000_000, 3000]];
    for (const [events, target] of sizes) {
      const r = await measure(browser, events);
      results.push(r);
      const f = r.frames;
      const worst = Math.max(...Object.values(f).map((xs) => stats(xs).p95));
      console.log(`${(r.events / 1000).toFixed(0)}k events, ${r.tasks} tasks, ${r.sizeMb.toFixed(1)} MB HTML`);
      console.log(`  first paint            ${ms(r.firstPaint).padStart(10)}   target < ${target} ms   ${r.firstPaint < target ? 'ok' : 'OVER'}   (loads: ${r.firstPaints.map((x) => x.toFixed(0)).join(', ')} ms)`);
      for (const [name, xs] of Object.entries(f)) {
        const s = stats(xs);
        console.log(`  ${name.padEnd(22)} median ${ms(s.median).padStart(8)}  p95 ${ms(s.p95).padStart(8)}  max ${ms(s.max).padStart(8)}`);
      }
      const raf = stats(r.rafIntervals);
      console.log(`  rAF-paced pan interval median ${ms(raf.median).padStart(8)}  p95 ${ms(raf.p95).padStart(8)}  (60 Hz = 16.7 ms)`);
      console.log(`  frames p95 ${ms(worst)}   target < 16 ms   ${worst < 16 ? 'ok' : 'OVER'}`);
    }
    const w = await measureTraceToWebview(browser);
    const ratio = w.columnarBytes <= w.jsonBytes ? `${(w.jsonBytes / w.columnarBytes).toFixed(2)}× smaller` : `${(w.columnarBytes / w.jsonBytes).toFixed(2)}× larger: small integers are short as text`;
    console.log(`trace to webview, 1M awaits (${(w.events / 1e6).toFixed(2)}M events): ${mb(w.columnarBytes)} columnar, was ${mb(w.jsonBytes)} JSON (${ratio})`);
    console.log(`  host, message built    ${ms(w.columnarMs).padStart(10)}   was ${ms(w.jsonMs)} (JSON.stringify of the message)`);
    console.log(`  webview, to first paint${ms(w.paint.columnar).padStart(10)}   was ${ms(w.paint.json)} (JSON.parse of the message, then the same)`);
  } finally {
    await browser.close().catch(() => {}); // already gone if it crashed: the error that crashed it is thrown
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runRenderBench().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
