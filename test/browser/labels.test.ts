/**
 * Labels stay legible at the widths a panel has beside an editor. The compressed time axis stays legible at the widths a panel has beside an editor: its time
 * labels never overlap each other, and no axis break (an idle or blocked stretch) is painted over
 * a label drawn before it (seen in the VS Code walk's saved-trace screenshot of chat-async.ts:
 * "1.00 s" cut by the break after it and run into the next label).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { renderTraceHtml } from '../../src/core/export/html';
import { ensureBuilt, launch, OUT, ROOT, screenshot, traceOfSample } from './harness';


/** Records what is drawn in the axis's top band (y < AXIS_H) of every canvas, in order. */
function recordAxisDrawing(): void {
  type Op = { op: 'text' | 'rect' | 'reset'; x: number; w: number; text?: string };
  const log: Op[] = [];
  (window as any).__axisLog = log;
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  const fillRect = proto.fillRect;
  proto.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
    if (y === 10) log.push({ op: 'text', x, w: this.measureText(text).width, text });
    return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
  };
  proto.fillRect = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
    if (y === 0 && h === 42 /* AXIS_H */) log.push({ op: x === 0 && w >= this.canvas.clientWidth - 1 ? 'reset' : 'rect', x, w });
    return fillRect.call(this, x, y, w, h);
  };
}

describe('the compressed time axis: labels legible in a narrow panel', function () {
  let context: BrowserContext;
  before(async () => {
    ensureBuilt();
    context = await launch();
  });
  after(async () => context?.close());

  for (const width of [700, 880, 1052, 1280]) {
    it(`chat-async.ts at ${width} px: no label overlaps another or is painted over by a break`, async () => {
      const trace = traceOfSample('samples/chat-async.ts');
      const file = path.join(OUT, 'html', `axis-chat-async-${width}.html`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, renderTraceHtml(trace));
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 700 });
      await page.addInitScript(recordAxisDrawing);
      await page.goto(`file://${file}`);
      await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
      await page.waitForTimeout(300);
      const log = await page.evaluate(() => (window as any).__axisLog as { op: string; x: number; w: number; text?: string }[]);
      // The last paint: from the last reset of the band.
      const last = log.slice(log.map((o) => o.op).lastIndexOf('reset') + 1);
      const texts = last.filter((o) => o.op === 'text');
      assert.ok(texts.length >= 4, `the axis shows times: ${JSON.stringify(texts)}`);
      const problems: string[] = [];
      last.forEach((o, i) => {
        if (o.op !== 'text') return;
        for (const later of last.slice(i + 1)) {
          const overlaps = later.x < o.x + o.w - 0.5 && later.x + later.w > o.x + 0.5;
          if (!overlaps) continue;
          if (later.op === 'rect') problems.push(`"${o.text}" at ${Math.round(o.x)} is painted over by a break at ${Math.round(later.x)}–${Math.round(later.x + later.w)}`);
          if (later.op === 'text') problems.push(`"${o.text}" at ${Math.round(o.x)} overlaps "${later.text}" at ${Math.round(later.x)}`);
        }
      });
      await screenshot(page, `axis-chat-async-${width}`);
      await page.close();
      assert.deepEqual(problems, []);
    });
  }
});

/** Records the lane labels drawn below the axis (monospace text), in order, with their extent. */
function recordLaneLabels(): void {
  const log: { x: number; y: number; w: number; text: string }[] = [];
  (window as any).__laneLog = log;
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  const fillRect = proto.fillRect;
  proto.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
    if (y > 42 && /mono/i.test(this.font)) log.push({ x, y, w: this.measureText(text).width, text });
    return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
  };
  // A full repaint starts with the background: only the last paint counts.
  proto.fillRect = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
    if (x === 0 && y === 0 && w >= this.canvas.clientWidth - 1 && h >= this.canvas.clientHeight - 1) log.length = 0;
    return fillRect.call(this, x, y, w, h);
  };
}

describe('lane labels: a collapsed group draws its lanes in one row without writing labels over each other', function () {
  let context: BrowserContext;
  before(async () => {
    ensureBuilt();
    context = await launch();
  });
  after(async () => context?.close());

  it('hello-async.ts with count() as the entry, 600 px wide: the module\'s collapsed lanes', async () => {
    // As in the VS Code walk's "This function: count()" screenshot: the module's own run is one collapsed group.
    // (The extension calls a function that is not exported; the CLI's --entry wants an export.)
    const copy = path.join(OUT, 'html', 'hello-async-exported.ts');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(copy, fs.readFileSync(path.join(ROOT, 'samples/hello-async.ts'), 'utf8').replace('async function count', 'export async function count'));
    const trace = traceOfSample(copy, ['--entry', 'count'], 'hello-async-entry-count');
    const file = path.join(OUT, 'html', 'labels-hello-async-entry-count.html');
    fs.writeFileSync(file, renderTraceHtml(trace));
    const page = await context.newPage();
    await page.setViewportSize({ width: 600, height: 700 });
    await page.addInitScript(recordLaneLabels);
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => (document.querySelector('.tl-app') as HTMLElement)?.dataset.firstPaintMs);
    await page.waitForTimeout(300);
    const labels = await page.evaluate(() => (window as any).__laneLog as { x: number; y: number; w: number; text: string }[]);
    assert.ok(labels.some((l) => /sleep/.test(l.text)), `the lanes are labelled: ${JSON.stringify(labels)}`);
    const problems: string[] = [];
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1)) {
        if (Math.abs(a.y - b.y) < 1 && b.x < a.x + a.w - 0.5 && b.x + b.w > a.x + 0.5) problems.push(`"${a.text}" at ${Math.round(a.x)} and "${b.text}" at ${Math.round(b.x)} (y ${Math.round(a.y)})`);
      }
    });
    await screenshot(page, 'labels-hello-async-entry-count');
    await page.close();
    assert.deepEqual(problems, []);
  });
});
