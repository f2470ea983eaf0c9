/**
 * The canvas: sizing for devicePixelRatio, one paint per animation frame, and the pointer and
 * keyboard input that zooms, pans and selects. It owns no application state; it reports
 * intent (`onSelect`, `onHover`, `onKey`) and paints whatever scene the app gives it.
 */
import { drawArrows } from './draw-arrows';
import { drawAxis, drawBackground, drawCursor } from './draw-axis';
import { drawLanes } from './draw-lanes';
import { hitTest, type Hit } from './hit-test';
import { AXIS_H, ROW_H, type Scene } from './scene';

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

  constructor(private readonly host: HTMLElement, private readonly events: TimelineViewEvents) {
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-roledescription', 'timeline');
    this.canvas.setAttribute('aria-label', 'Timeline. Left and right arrows step through events; shift plus arrows follow the selected task; plus and minus zoom; F fits; space plays; Enter opens the source.');
    host.append(this.canvas);
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    this.ctx = ctx;
    new ResizeObserver(() => this.resize()).observe(host);
    this.watchPixelRatio();
    this.attachInput();
    this.resize();
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
    if (!scene) return;
    const started = performance.now();
    scene.widthPx = this.widthPx;
    scene.heightPx = this.heightPx;
    scene.view.widthPx = this.widthPx;
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawBackground(ctx, scene);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, AXIS_H, scene.widthPx, scene.heightPx - AXIS_H);
    ctx.clip();
    drawLanes(ctx, scene);
    this.arrowsElided = !drawArrows(ctx, scene);
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
  maxScrollTop(rowCount: number): number {
    return Math.max(0, rowCount * ROW_H - (this.heightPx - AXIS_H) + 8);
  }

  private resize(): void {
    const dpr = window.devicePixelRatio || 1;
    const w = this.widthPx;
    const h = this.heightPx;
    // Backing store in device pixels, CSS size in CSS pixels: sharp lines on high-DPI screens.
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
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
    }, { once: true });
  }

  private attachInput(): void {
    const canvas = this.canvas;
    let drag: { x: number; y: number; moved: boolean } | null = null;
    canvas.addEventListener('wheel', (e) => {
      const scene = this.scene;
      if (!scene) return;
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      if (e.shiftKey && Math.abs(e.deltaY) > Math.abs(e.deltaX)) {
        scene.scrollTop = Math.min(this.maxScrollTop(scene.rows.length), Math.max(0, scene.scrollTop + e.deltaY));
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        scene.view.panByPx(e.deltaX);
      } else {
        const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
        scene.view.zoomAt(e.clientX - rect.left, Math.exp(-e.deltaY * unit * 0.0025));
      }
      this.requestPaint();
      this.events.onViewChanged();
    }, { passive: false });
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, moved: false };
      canvas.setPointerCapture(e.pointerId);
    });
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
          scene.scrollTop = Math.min(this.maxScrollTop(scene.rows.length), Math.max(0, scene.scrollTop - dy));
          drag.x = e.clientX;
          drag.y = e.clientY;
          this.requestPaint();
          this.events.onViewChanged();
        }
        return;
      }
      this.events.onHover(hitTest(scene, e.clientX - rect.left, e.clientY - rect.top), e.clientX - rect.left, e.clientY - rect.top);
    });
    canvas.addEventListener('pointerleave', () => this.events.onHover(null, 0, 0));
    canvas.addEventListener('pointerup', (e) => {
      const scene = this.scene;
      const wasDrag = drag?.moved;
      drag = null;
      if (!scene || wasDrag) return;
      const rect = canvas.getBoundingClientRect();
      const hit = hitTest(scene, e.clientX - rect.left, e.clientY - rect.top);
      if (hit) this.events.onSelect(hit);
    });
    canvas.addEventListener('keydown', (e) => this.events.onKey(e));
  }
}
