// `npm run bench`: every benchmark of the project, each printing ratios against a baseline
// measured in the same run on the same machine (these machines are shared and noisy, so
// absolute times mean little; ratios measured side by side do).
// Each part is a separate script so one can be run alone: node bench/<part>.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const parts = [
  ['engine', 'engine.mjs', 'simulated vs native node; instrument+bundle vs transpileModule (cold and warm, CPU and wall); the instrumentation cache cold vs warm; run --summary end to end (1M awaits, 10M events)'],
  ['scaling', 'scaling.mjs', 'steady-state time and trace bytes per event from 10k to 10M awaits (linear cost), native node beside them; sizes measured in interleaved rounds'],
  ['render', 'render.mjs', 'timeline first paint and pan/zoom frame times in headless Chromium; the trace to the webview, columnar vs JSON (1M awaits)'],
  ['scenarios', 'scenarios.mjs', 'chat server with 10,000 clients; 64 threads on 8 cores'],
  ['io', 'io.mjs', 'real I/O end to end: 1,000 file reads, 10 child processes, 8 pbkdf2 — simulator vs node wall time'],
  ['network', 'network.mjs', 'an http server and 10,000 requests in the same program (fetch; http.get on a keep-alive Agent) — simulator vs the real Node of the line, end to end'],
  ['explore', 'explore.mjs', 'race explorer: 200 runs of hello-async and of race — wall time, runs per second (target < 10 s)'],
];
const only = process.argv.slice(2);
let failed = 0;
for (const [name, file, what] of parts) {
  if (only.length && !only.includes(name)) continue;
  const script = path.join(here, file);
  console.log(`\n=== ${name}: ${what}`);
  if (!fs.existsSync(script)) { console.log(`(missing: bench/${file})`); failed++; continue; }
  const r = spawnSync(process.execPath, ['--expose-gc', script], { stdio: 'inherit' });
  if (r.status !== 0) { console.log(`(bench ${name} exited with ${r.status})`); failed++; }
}
// Click to timeline is measured where it happens, in a real VS Code workbench, by the
// integration suite (test/vscode/suite/clickToTimeline.test.ts); the bench prints its last record.
if (!only.length || only.includes('click')) {
  console.log('\n=== click: "Visualize concurrency" to the first painted frame of the panel, warm, per sample');
  const record = path.join(here, '..', '.test-output', 'click-to-timeline.json');
  if (fs.existsSync(record)) {
    const { measuredAt, results, load } = JSON.parse(fs.readFileSync(record, 'utf8'));
    console.log(`(measured by npm run test:vscode at ${measuredAt}${load ? `, load ${load.toFixed(1)}` : ''})`);
    console.log('(warm: the sample ran before and the next engine worker has loaded; faster of two clicks. Where the time went: engine = waiting for its worker + instrument/bundle + run; host = problems and posting; relay = the messages to the webview and back; webview = its own work to the first frame. "at once": a re-run right after, before the next worker has loaded)');
    for (const r of results) {
      const posted = r.tracePost ? `   trace ${(r.tracePost.bytes / 1024).toFixed(0)} KB columnar, posted in ${r.tracePost.ms.toFixed(1)} ms` : '';
      const p = r.parts;
      const split = p ? `   engine ${p.engine} (worker ${p.toWorker}, bundle ${p.bundle}, run ${p.run}) · host ${p.toRun + p.problems + p.toPost} · relay ${p.toPaint - p.inWebview} · webview ${p.inWebview}` : '';
      const atOnce = r.atOnce ? `   | at once ${r.atOnce.ms} ms` : '';
      console.log(`${r.sample.padEnd(28)} ${String(r.ms).padStart(6)} ms   target < ${r.target} ms ${r.ms < r.target ? 'ok' : 'MISSED'}${split}${posted}${atOnce}`);
    }
  } else {
    console.log('(no record yet: npm run test:vscode measures it in code-server and writes .test-output/click-to-timeline.json)');
  }
}
process.exit(failed ? 1 : 0);
