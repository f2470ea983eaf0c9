/**
 * The canvas: sizing for devicePixelRatio, one paint per animation frame, and the pointer and
 * keyboard input that zooms, pans and selects. It owns no application state; it reports
 * intent (`onSelect`, `onHover`, `onKey`) and paints whatever scene the app gives it.
 *
 * The wheel works as in VS Code, DevTools and Perfetto: it scrolls (vertically; Shift+wheel or a
 * horizontal swipe pans in time), Ctrl/⌘+wheel and a trackpad pinch (a wheel event with
 * ctrlKey) zoom around the pointer.
 */
import { drawArrows } from './draw-arrows';
import { drawAnswers } from './draw-answers';
import { drawAxis, drawBackground, drawCursor } from './draw-axis';
import { drawLanes } from './draw-lanes';
import { hitTest, type Hit } from './hit-test';
import { AXIS_H, maxScrollTop, ROW_H, scrollTopPx, visibleRowRange, visibleRows, type Scene } from './scene';

export interface TimelineViewEvents {
  onSelect(hit: Hit): void;
  onHover(hit: Hit | null, clientX: number, clientY: number): void;
  /** Zoom, pan or vertical scroll changed (to persist the view state). */
  onViewChanged(): void;
  onKey(event: KeyboardEvent): void;
}

export class TimelineView {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private frameRequested = false;
  private scene: Scene | null = null;
  /** Whether the last paint had to leave the arrows out (too many at this zoom). */
  arrowsElided = false;
  /** Time the last paint took, in ms (the render benchmark reads it). */
  lastPaintMs = 0;
  paints = 0;
  onPainted: (() => void) | null = null;
  /** Ends every listener of this view (input, size, pixel ratio) when its canvas passes to the next view. */
  private readonly listening = new AbortController();
  private readonly sizeWatch: ResizeObserver;
  private released = false;

  /**
   * `reuse`: the canvas of the view this one replaces (`release()`), for a new trace in the same
   * panel. A new canvas of the panel's size costs its whole backing store afresh — 50–120 ms of
   * a small trace's first frame in a software-rendered webview (measured in headless Chromium,
   * 2× pixel ratio) — where the same canvas at the same size costs nothing.
   */
  constructor(private readonly host: HTMLElement, private readonly events: TimelineViewEvents, reuse?: HTMLCanvasElement) {
    this.canvas = reuse ?? document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-roledescription', 'timeline');
    this.canvas.setAttribute('aria-label', 'Timeline. Left and right arrows step through events; up and down arrows move from lane to lane; shift plus left or right follows the selected task; plus and minus zoom; F fits; space plays; Enter opens the source. The Tasks table below lists the same lanes as text.');
    host.append(this.canvas);
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    this.ctx = ctx;
    this.sizeWatch = new ResizeObserver(() => this.resize());
    this.sizeWatch.observe(host);
    this.watchPixelRatio();
    this.attachInput();
    // Not sized here: the panes around the canvas are still being laid out. The first paint
    // sizes it (`paintNow`), once; the size watcher's first report then finds it sized.
  }

  /** Stops this view (no more paints, no more input) and hands its canvas to the next view. */
  release(): HTMLCanvasElement {
    this.released = true;
    this.scene = null;
    this.onPainted = null;
    this.listening.abort();
    this.sizeWatch.disconnect();
    return this.canvas;
  }

  /** CSS size of the drawing area. */
  get widthPx(): number {
    return Math.max(1, this.host.clientWidth);
  }

  get heightPx(): number {
    return Math.max(1, this.host.clientHeight);
  }

  setScene(scene: Scene): void {
    this.scene = scene;
    this.requestPaint();
  }

  requestPaint(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.paintNow();
    });
  }

  /** Paints synchronously (the next frame's paint, or a benchmark's). */
  paintNow(): void {
    const scene = this.scene;
    if (!scene || this.released) return;
    const started = performance.now();
    this.fitBackingStore();
    scene.widthPx = this.widthPx;
    scene.heightPx = this.heightPx;
    scene.view.widthPx = this.widthPx;
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawBackground(ctx, scene);
    // The scrolling rows, clipped below the pinned ones; then the pinned rows; then the arrows over both.
    const top = scrollTopPx(scene);
    const [first, last] = visibleRowRange(scene);
    const scrolled: number[] = [];
    for (let r = first; r <= last; r++) scrolled.push(r);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, top, scene.widthPx, scene.heightPx - top);
    ctx.clip();
    drawLanes(ctx, scene, scrolled);
    ctx.restore();
    if (scene.pinned > 0) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(0, AXIS_H, scene.widthPx, top - AXIS_H);
      ctx.clip();
      drawLanes(ctx, scene, visibleRows(scene).filter((r) => r < scene.pinned));
      ctx.restore();
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, AXIS_H, scene.widthPx, scene.heightPx - AXIS_H);
    ctx.clip();
    this.arrowsElided = !drawArrows(ctx, scene);
    drawAnswers(ctx, scene);
    ctx.restore();
    drawAxis(ctx, scene);
    drawCursor(ctx, scene);
    this.drawScrollThumb(ctx, scene);
    if (this.arrowsElided) {
      ctx.font = `11px ${scene.palette.font}`;
      ctx.fillStyle = scene.palette.muted;
      ctx.fillText('arrows hidden at this zoom: zoom in to see them', 8, scene.heightPx - 8);
    }
    this.lastPaintMs = performance.now() - started;
    this.paints++;
    this.onPainted?.();
  }

  /**
   * Where the lanes are scrolled, drawn on the canvas's right edge when they overflow: the
   * native scrollbar beside it (vscroll.ts) can be hidden (overlay scrollbars, headless).
   */
  private drawScrollThumb(ctx: CanvasRenderingContext2D, scene: Scene): void {
    const content = scene.rows.length * ROW_H + 8;
    const viewport = scene.heightPx - AXIS_H;
    if (content <= viewport + 1) return;
    const thumbH = Math.max(16, (viewport * viewport) / content);
    const top = AXIS_H + (scene.scrollTop / (content - viewport)) * (viewport - thumbH);
    ctx.fillStyle = scene.palette.muted;
    ctx.globalAlpha = 0.45;
    ctx.fillRect(scene.widthPx - 5, top, 4, thumbH);
    ctx.globalAlpha = 1;
  }

  /** Rows of lanes fit in the height below the axis. */
  maxScrollTop(): number {
    return this.scene ? maxScrollTop(this.scene, this.heightPx) : 0;
  }

  /**
   * A wheel event over the canvas or the lane names. Returns whether anything moved.
   * deltaMode 1 (lines) and 2 (pages) are converted to pixels first.
   */
  wheel(e: WheelEvent, pointerPx?: number): void {
    const scene = this.scene;
    if (!scene) return;
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.heightPx : 1;
    const dx = e.deltaX * unit;
    const dy = e.deltaY * unit;
    if (e.ctrlKey || e.metaKey) {
      // Ctrl/⌘+wheel, and a trackpad pinch (Chromium sends it as a wheel event with ctrlKey).
      const at = pointerPx ?? e.clientX - this.canvas.getBoundingClientRect().left;
      scene.view.zoomAt(Math.max(0, Math.min(scene.view.widthPx, at)), Math.exp(-dy * 0.0025));
    } else if (e.shiftKey) {
      // Shift+wheel: horizontal, whichever delta the device reports.
      scene.view.panByPx(Math.abs(dx) > Math.abs(dy) ? dx : dy);
    } else {
      if (dx !== 0) scene.view.panByPx(dx);
      if (dy !== 0) scene.scrollTop = Math.min(this.maxScrollTop(), Math.max(0, scene.scrollTop + dy));
    }
    this.requestPaint();
    this.events.onViewChanged();
  }

  /**
   * Sizes the backing store to the canvas's box, in device pixels, with the CSS size in CSS
   * pixels: sharp lines on high-DPI screens. An assignment clears the canvas and a new size
   * allocates a new store (tens of ms at a panel's size), so it assigns only what changed.
   */
  private fitBackingStore(): void {
    const dpr = window.devicePixelRatio || 1;
    const w = this.widthPx;
    const h = this.heightPx;
    const [width, height] = [Math.round(w * dpr), Math.round(h * dpr)];
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    // Written only when it changes too: a style write before the size reads of a paint would make
    // every frame of a pan lay the page out again.
    const [cssWidth, cssHeight] = [`${w}px`, `${h}px`];
    if (this.canvas.style.width !== cssWidth) this.canvas.style.width = cssWidth;
    if (this.canvas.style.height !== cssHeight) this.canvas.style.height = cssHeight;
  }

  private resize(): void {
    // The paint sizes the canvas (and nothing needs a size before there is a scene to paint).
    if (!this.scene) return;
    this.paintNow();
    // The labels and the scrollbar depend on the height too.
    this.events.onViewChanged();
  }

  /** Moving the window to a screen with another pixel ratio resizes nothing, so listen for it. */
  private watchPixelRatio(): void {
    const query = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query?.addEventListener?.('change', () => {
      this.resize();
      this.watchPixelRatio();
    }, { once: true, signal: this.listening.signal });
  }

  private attachInput(): void {
    const canvas = this.canvas;
    let drag: { x: number; y: number; moved: boolean } | null = null;
    const signal = this.listening.signal;
    canvas.addEventListener('wheel', (e) => this.wheel(e), { passive: false, signal });
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, moved: false };
      canvas.setPointerCapture(e.pointerId);
    }, { signal });
    canvas.addEventListener('pointermove', (e) => {
      const scene = this.scene;
      if (!scene) return;
      const rect = canvas.getBoundingClientRect();
      if (drag && (e.buttons & 1)) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (drag.moved || Math.abs(dx) + Math.abs(dy) > 3) {
          drag.moved = true;
          scene.view.panByPx(-dx);
          scene.scrollTop = Math.min(this.maxScrollTop(), Math.max(0, scene.scrollTop - dy));
          drag.x = e.clientX;
          drag.y = e.clientY;
          this.requestPaint();
          this.events.onViewChanged();
        }
        return;
      }
      this.events.onHover(hitTest(scene, e.clientX - rect.left, e.clientY - rect.top), e.clientX - rect.left, e.clientY - rect.top);
    }, { signal });
    canvas.addEventListener('pointerleave', () => this.events.onHover(null, 0, 0), { signal });
    canvas.addEventListener('pointerup', (e) => {
      const scene = this.scene;
      const wasDrag = drag?.moved;
      drag = null;
      if (!scene || wasDrag) return;
      const rect = canvas.getBoundingClientRect();
      const hit = hitTest(scene, e.clientX - rect.left, e.clientY - rect.top);
      if (hit) this.events.onSelect(hit);
    }, { signal });
    canvas.addEventListener('keydown', (e) => this.events.onKey(e), { signal });
  }
}
