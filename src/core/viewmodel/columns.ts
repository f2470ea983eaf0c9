/**
 * Growable typed columns: segments and markers of a large trace number in the hundreds of
 * thousands, so they are stored as parallel typed arrays rather than an object each (less
 * memory, no GC pauses while panning). `finish()` trims them to their length.
 */

export class GrowableFloat64 {
  data = new Float64Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableInt32 {
  data = new Int32Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** First index i in the sorted `values[0..length)` with values[i] >= x (length if none). */
export function lowerBound(values: ArrayLike<number>, x: number, length = values.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * id → seq for ids that are small positive integers handed out in order (tasks, promises):
 * a growable Int32Array, several times faster than a Map over a million events. -1 = unset.
 */
export class SeqById {
  private data = new Int32Array(1024).fill(-1);
  get(id: number): number {
    return id >= 0 && id < this.data.length ? this.data[id] : -1;
  }
  has(id: number): boolean {
    return this.get(id) >= 0;
  }
  set(id: number, seq: number): void {
    if (id < 0) return;
    if (id >= this.data.length) {
      let size = this.data.length * 2;
      while (size <= id) size *= 2;
      const next = new Int32Array(size).fill(-1);
      next.set(this.data);
      this.data = next;
    }
    this.data[id] = seq;
  }
}
