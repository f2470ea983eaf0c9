/**
 * The visible window over the axis, in layout units (see core/viewmodel/axis.ts), and its
 * mapping to CSS pixels. Zoom keeps the point under the pointer fixed; pan and zoom are
 * clamped so the trace never scrolls away entirely.
 */
export class Viewport {
  /** Visible layout range [x0, x1). */
  x0 = 0;
  x1 = 1;
  /** Drawing width in CSS pixels. */
  widthPx = 1;

  constructor(private totalWidth: number) {
    this.fit();
  }

  setTotalWidth(width: number): void {
    this.totalWidth = Math.max(width, 1);
  }

  /** CSS pixels per layout unit. */
  get scale(): number {
    return this.widthPx / (this.x1 - this.x0);
  }

  toPx(x: number): number {
    return (x - this.x0) * this.scale;
  }

  toX(px: number): number {
    return this.x0 + px / this.scale;
  }

  /** The whole trace, with a small margin on both sides. */
  fit(): void {
    const margin = this.totalWidth * 0.02 + 0.5;
    this.x0 = -margin;
    this.x1 = this.totalWidth + margin;
  }

  /** Zooms by `factor` (> 1 zooms in) around the pixel `atPx`. */
  zoomAt(atPx: number, factor: number): void {
    const anchor = this.toX(atPx);
    const maxSpan = this.totalWidth * 1.5 + 2;
    const minSpan = Math.min(2, maxSpan);
    const span = Math.min(maxSpan, Math.max(minSpan, (this.x1 - this.x0) / factor));
    const f = atPx / this.widthPx;
    this.x0 = anchor - f * span;
    this.x1 = this.x0 + span;
    this.clamp();
  }

  panByPx(dx: number): void {
    const d = dx / this.scale;
    this.x0 += d;
    this.x1 += d;
    this.clamp();
  }

  /** Pans just enough that layout x is inside the view (with a margin). */
  reveal(x: number): void {
    const span = this.x1 - this.x0;
    const margin = span * 0.1;
    if (x < this.x0 + margin) this.x0 = x - margin;
    else if (x > this.x1 - margin) this.x0 = x - span + margin;
    else return;
    this.x1 = this.x0 + span;
    this.clamp();
  }

  set(x0: number, x1: number): void {
    if (!(x1 > x0) || !Number.isFinite(x0) || !Number.isFinite(x1)) return;
    this.x0 = x0;
    this.x1 = x1;
    this.clamp();
  }

  private clamp(): void {
    const span = this.x1 - this.x0;
    const lo = -span * 0.5;
    const hi = this.totalWidth + span * 0.5;
    if (this.x0 < lo) { this.x0 = lo; this.x1 = lo + span; }
    if (this.x1 > hi) { this.x1 = hi; this.x0 = hi - span; }
  }
}
