/**
 * How fast one writer stores rows, from the writes it finished: rows per second of write time,
 * smoothed so one slow or fast write moves it a third of the way. The batcher turns it into how
 * many rows it may hold before an export's answer would be slow.
 */
export class DrainRate {
  private perSecond: number | null = null;

  record(rows: number, ms: number): void {
    if (rows <= 0) return;
    const sample = (rows * 1000) / Math.max(ms, 1);
    this.perSecond = this.perSecond === null ? sample : this.perSecond + (sample - this.perSecond) / 3;
  }

  /** Null until a write has finished. */
  rowsPerSecond(): number | null {
    return this.perSecond;
  }
}
