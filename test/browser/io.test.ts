/**
 * Real I/O on the timeline, from the real engine: libuv's threadpool (samples/threadpool.ts: eight
 * pbkdf2 hashes on four pool threads, two rounds, a heartbeat interval) and a program mixing file
 * reads, a child process (`ls`) and timers (fixtures/io-mixed.ts); the network of
 * samples/fetch-fanout.ts (a lane per connection, each HTTP exchange a bar). Screenshots, light
 * and dark: .test-output/screenshots/io-*.png.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { EventKind, type TraceFile } from '../../src/core/trace/format';
import { buildTimeline, ioRequestLabel, netIndex, type TimelineModel } from '../../src/core/viewmodel/index';
import { canvasColours, ensureBuilt, launch, openTrace, screenshot, traceOfSample } from './harness';
import { openHosted, showTrace, themeColours, type ThemeName } from './webview-page';

/** Hovers the middle of a lane's segment and returns the tooltip's text. */
async function hoverSegment(page: Page, model: TimelineModel, lane: number, segment: number): Promise<string> {
  const seg = model.lanes.lanes[lane].segments;
  // The lane names are drawn again when the deferred arrows arrive after the first frame: measure
  // the row once they have settled (retry if the name we found was just replaced).
  const label = page.locator(`.tl-label[data-lane="${lane}"]`);
  let row: { x: number; y: number; width: number; height: number } | null = null;
  for (let attempt = 0; row === null && attempt < 20; attempt++) {
    await label.waitFor();
    await page.waitForTimeout(50);
    row = await label.boundingBox().catch(() => null);
  }
  const canvas = (await page.locator('.tl-canvas-wrap canvas').boundingBox())!;
  if (row === null) throw new Error(`lane ${lane}'s name never settled on the page`);
  const px = await page.evaluate(([x0, x1]) => {
    const t = (window as any).asyncTimeline;
    return (t.pxOfX(x0) + t.pxOfX(x1)) / 2;
  }, [seg.x0[segment], seg.x1[segment]]);
  await page.mouse.move(canvas.x + px, row.y + row.height / 2);
  await page.waitForSelector('.tl-tooltip:not([hidden])');
  const text = await page.locator('.tl-tooltip').innerText();
  await page.mouse.move(canvas.x + 2, canvas.y + 2);
  return text;
}

const labels = async (page: Page): Promise<string[]> => (await page.locator('.tl-labels [role=listitem]').allInnerTexts()).map((l) => l.trim());

describe('real I/O on the timeline (threadpool, child processes) in Chromium', function () {
  this.timeout(120000);
  let context: BrowserContext;
  before(async () => {
    ensureBuilt();
    context = await launch();
  });
  after(async () => context?.close());

  describe('samples/threadpool.ts: 8 hashes, 4 pool threads, two rounds', () => {
    let trace: TraceFile;
    let model: TimelineModel;
    before(() => {
      trace = traceOfSample('samples/threadpool.ts');
      model = buildTimeline(trace);
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`draws the pool's lanes, the heartbeat and the arrows (${scheme})`, async () => {
        const { page, errors } = await openTrace(context, `io-threadpool-${scheme}`, trace, scheme);
        try {
          await page.setViewportSize({ width: 1400, height: 900 });
          await page.waitForTimeout(200);
          const shown = await labels(page);
          const header = shown.indexOf('▾ libuv threadpool · 4 threads');
          assert.ok(header > 0, shown.join(' | '));
          assert.deepEqual(shown.slice(header + 1, header + 5), ['threadpool #1', 'threadpool #2', 'threadpool #3', 'threadpool #4']);
          assert.deepEqual(shown.slice(-2), ['timers', 'I/O']);
          const app = page.locator('.tl-app');
          assert.equal(await app.getAttribute('data-arrows-io'), '8', 'one arrow from each hash to its callback');
          assert.ok(await canvasColours(page) > 8);
          await screenshot(page, `io-threadpool-${scheme}`);
          assert.deepEqual(errors, []);
        } finally {
          await page.close();
        }
      });
    }

    for (const name of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
      it(`in the VS Code panel, in VS Code's ${name} theme colours`, async () => {
        const h = await openHosted(context, `io-threadpool-vscode-${name}`, { theme: themeColours()[name], viewport: { width: 1300, height: 800 } });
        try {
          await showTrace(h, trace);
          const hatch = await h.page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--tl-io').trim());
          assert.equal(hatch.toLowerCase(), themeColours()[name].vars['--vscode-terminal-ansiCyan']?.toLowerCase(), 'I/O takes the theme’s terminal cyan');
          await screenshot(h.page, `io-threadpool-vscode-${name}`);
          assert.deepEqual(h.errors, []);
        } finally {
          await h.page.close();
        }
      });
    }

    it('a pool bar says what it is, how long it waited in the queue and ran; the legend explains it', async () => {
      const { page, errors } = await openTrace(context, 'io-threadpool-hover', trace);
      try {
        await page.setViewportSize({ width: 1400, height: 900 });
        const lane = model.lanes.poolLanes[0];
        // Thread 1's second request: it waited for the first round.
        const tip = await hoverSegment(page, model, lane, 1);
        const m = /^threadpool #1\ncomputing on core 1, outside JavaScript: pbkdf2 · 100,000 iterations\nwaited ([\d.]+) ms in the pool's queue, ran ([\d.]+) ms\n/.exec(tip);
        assert.ok(m, tip);
        assert.ok(Number(m[1]) > 50 && Number(m[2]) > 50, tip);
        assert.match(tip, /\nrequested at 0 ms, on threadpool #1 from 5[\d.]+ ms to 1\d\d(\.\d+)? ms\n/);
        assert.match(tip, /started by login #5/);
        const first = await hoverSegment(page, model, lane, 0);
        assert.match(first, /waited 0 ms in the pool's queue/);
        // The legend (in the toolbar or its overflow menu): computing, I/O, and the I/O arrows counted.
        const legend = await page.locator('.tl-legend').innerText();
        assert.match(legend, /computing \(on a core\)/);
        assert.match(legend, /I\/O \(outside JavaScript\)/);
        assert.match(legend, /8 I\/O→callback/);
        // The event loop at the cursor: the second round waits in the pool's queue.
        const lastStart = trace.events.kind.lastIndexOf(EventKind.IoStart);
        await page.evaluate((seq) => (window as any).asyncTimeline.setCursor(seq), lastStart);
        const pending = await page.locator('.tl-loop').innerText();
        assert.match(pending, /pbkdf2 · 100,000 iterations · on threadpool #4, core 4/);
        assert.match(pending, /pbkdf2 · 100,000 iterations · queued in the threadpool/);
        await screenshot(page, 'io-threadpool-cursor');
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  });

  describe('fixtures/io-mixed.ts: file reads, a child process and timers', () => {
    let trace: TraceFile;
    let model: TimelineModel;
    before(() => {
      trace = traceOfSample('test/browser/fixtures/io-mixed.ts');
      model = buildTimeline(trace);
    });

    it('runs: its output is the program’s', () => {
      const out = trace.events.kind.map((k, i) => (k === EventKind.Console ? trace.strings[trace.events.b[i]] : '')).join('');
      for (const line of ['timeout: 1 ms', 'stat: a directory', 'read this file: 34 lines', '160 users, files: users.json', 'done: the interval is cleared']) {
        assert.ok(out.includes(`${line}\n`), `${line} in\n${out}`);
      }
      assert.ok(model.lanes.poolLanes.length >= 3, 'the stat and the two reads run at once');
      assert.equal(model.lanes.processLanes.length, 1);
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`draws the reads on pool threads, the child on its own lane (${scheme})`, async () => {
        const { page, errors } = await openTrace(context, `io-mixed-${scheme}`, trace, scheme);
        try {
          await page.setViewportSize({ width: 1400, height: 900 });
          await page.waitForTimeout(200);
          const shown = await labels(page);
          assert.ok(shown.includes(`▾ libuv threadpool · ${model.lanes.poolLanes.length} threads`), shown.join(' | '));
          assert.ok(shown.includes('▾ child processes · 1'), shown.join(' | '));
          assert.ok(shown.some((l) => /^child \d+: ls$/.test(l)), shown.join(' | '));
          const app = page.locator('.tl-app');
          assert.ok(Number(await app.getAttribute('data-arrows-io')) >= 5, 'three reads and the child’s events point at their callbacks');
          await screenshot(page, `io-mixed-${scheme}`);
          assert.deepEqual(errors, []);
        } finally {
          await page.close();
        }
      });
    }

    it('hovering: a read says its file and size, the child its command and events', async () => {
      const { page, errors } = await openTrace(context, 'io-mixed-hover', trace);
      try {
        await page.setViewportSize({ width: 1400, height: 900 });
        // The widest request on users.json (how Node's fs splits a read into requests is the engine's business).
        let best: { lane: number; segment: number; label: string; w: number } | null = null;
        for (const lane of model.lanes.poolLanes) {
          const seg = model.lanes.lanes[lane].segments;
          for (let i = 0; i < seg.seq.length; i++) {
            const label = ioRequestLabel(trace, model.lanes.io, trace.events.a[seg.seq[i]]);
            if (/users\.json/.test(label) && (!best || seg.x1[i] - seg.x0[i] > best.w)) best = { lane, segment: i, label, w: seg.x1[i] - seg.x0[i] };
          }
        }
        assert.ok(best, 'a request on users.json');
        const tip = await hoverSegment(page, model, best.lane, best.segment);
        assert.ok(tip.includes(`\nI/O outside JavaScript: ${best.label}\n`), tip);
        assert.match(tip, /waited [\d.]+ ms in the pool's queue, ran [\d.]+ ms/);
        const child = await hoverSegment(page, model, model.lanes.processLanes[0], 0);
        assert.match(child, /^child \d+: ls\nI\/O outside JavaScript: ls \(a child process\)\nran /);
        assert.match(child, /events: stdout \d+ B · .*exit 0/);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  });

  describe('samples/fetch-fanout.ts: 20 requests, 4 at a time, on keep-alive connections', () => {
    it('draws a network group, a lane per connection, each exchange a bar with its request, status and time to first byte', async () => {
      const trace = traceOfSample('samples/fetch-fanout.ts');
      const model = buildTimeline(trace);
      const net = netIndex(trace);
      const { page, errors } = await openTrace(context, 'io-fetch-fanout', trace);
      try {
        await page.setViewportSize({ width: 1400, height: 900 });
        await page.waitForTimeout(200);
        const shown = await labels(page);
        // The health check's connection, then the four workers' (keep-alive: each carries several requests).
        const header = shown.indexOf(`▾ network · ${net.connections.length} connections`);
        assert.ok(header > 0, shown.join(' | '));
        assert.equal(net.connections.length, 5);
        assert.deepEqual(shown.slice(header + 1, header + 6), net.connections.map((c) => c.label));
        assert.match(shown[header + 1], /^client :\d+ → :\d+$/);
        // An item's exchange (not the health check): hover its bar.
        const x = net.exchanges.findIndex((ex) => ex.request === 'GET /items/3');
        const conn = net.connections.findIndex((c) => c.id === net.exchanges[x].conn);
        const lane = model.lanes.netLanes[conn];
        const segment = [...model.lanes.lanes[lane].segments.seq].indexOf(net.exchanges[x].requestSeq);
        assert.ok(segment >= 0);
        const tip = await hoverSegment(page, model, lane, segment);
        // Item 3 is answered after 500 ms (the sample's delayOf), its body is its JSON.
        assert.match(tip, /HTTP GET \/items\/3\nstatus 200 OK\nresponse body \d+ bytes\ntime to first byte 500 ms\n/);
        assert.ok(await canvasColours(page) > 8);
        await screenshot(page, 'io-fetch-fanout');
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  });
});
