/**
 * Play: steps the cursor forward at a chosen speed (steps per second) until the toolbar's button
 * or the end of the run stops it. The speed outlives the trace shown.
 */

export class Playback {
  private timer: number | undefined;
  private speed = 5;

  /** `step` moves the cursor one event on; `shown` tells the toolbar whether it plays. */
  constructor(private readonly step: () => void, private readonly shown: (playing: boolean) => void) {}

  toggle(): void {
    if (this.timer !== undefined) return this.stop();
    this.timer = window.setInterval(() => this.step(), 1000 / this.speed);
    this.shown(true);
  }

  stop(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
    this.shown(false);
  }

  /** A new speed applies at once when playing. */
  setSpeed(stepsPerSecond: number): void {
    this.speed = stepsPerSecond;
    if (this.timer !== undefined) {
      this.stop();
      this.toggle();
    }
  }
}
