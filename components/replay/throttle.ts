/** Runs `run` at most once per `waitMs` (or once after a burst, `debounce`): at once when the last run is old enough, else once when it is (with what is current then). */
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: () => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  request(waitMs: number): void {
    if (this.timer !== null) return;
    const due = this.last + waitMs - this.now();
    if (due <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), due);
  }

  /** Runs once `waitMs` after the last of a burst of calls (a key held down writes nothing until it is let go). */
  debounce(waitMs: number): void {
    this.cancel();
    this.timer = setTimeout(() => this.fire(), waitMs);
  }

  /** Runs a pending request now. */
  flush(): void {
    if (this.timer !== null) this.fire();
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.cancel();
    this.last = this.now();
    this.run();
  }
}
